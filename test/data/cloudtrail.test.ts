import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { mockedLiveSource } from '../helpers/live.js';

const ct = mockClient(CloudTrailClient);
afterEach(() => ct.reset());

describe('CloudTrail accessors', () => {
  it('lists trails including shadow trails, per Region', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [{ TrailARN: 'arn:b', HomeRegion: 'eu-west-1' }, { TrailARN: 'arn:a', HomeRegion: 'us-east-1' }] });
    const { data } = mockedLiveSource();
    expect((await data('eu-west-1').cloudtrail.trails()).map((t) => t.TrailARN)).toEqual(['arn:a', 'arn:b']);
    await data('us-east-1').cloudtrail.trails();
    expect(ct.commandCalls(DescribeTrailsCommand)).toHaveLength(2);
    expect(ct.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({ includeShadowTrails: true });
  });

  it('reads status and selectors of one trail', async () => {
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true, LatestDeliveryTime: new Date('2026-11-27T00:00:00Z') });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const { data } = mockedLiveSource();
    expect(await data().cloudtrail.trailStatus('arn:a')).toEqual({
      isLogging: true,
      latestDeliveryTime: '2026-11-27T00:00:00.000Z',
      latestCloudWatchLogsDeliveryTime: null,
    });
    expect(await data().cloudtrail.eventSelectors('arn:a')).toEqual({
      eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      advancedEventSelectors: [],
    });
    expect(ct.commandCalls(GetEventSelectorsCommand)[0]?.args[0].input).toEqual({ TrailName: 'arn:a' });
  });
});
