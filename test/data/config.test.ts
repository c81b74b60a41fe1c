import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConfigServiceClient,
  ConfigServiceServiceException,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import { mockedLiveSource } from '../helpers/live.js';

const config = mockClient(ConfigServiceClient);
afterEach(() => config.reset());

describe('AWS Config accessors', () => {
  it('reads the recorders and their status, once per Region', async () => {
    const recorder = { name: 'default', roleARN: 'arn:aws:iam::123456789012:role/r', recordingGroup: { allSupported: true } };
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [recorder] });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success', lastStartTime: new Date('2026-11-01T00:00:00Z') }],
    });
    const { data } = mockedLiveSource();
    expect(await data('eu-west-1').config.recorders()).toEqual([recorder]);
    expect(await data('eu-west-1').config.recorderStatus()).toEqual([
      { name: 'default', recording: true, lastStatus: 'Success', lastStartTime: new Date('2026-11-01T00:00:00Z') },
    ]);
    await data('eu-west-1').config.recorders();
    await data('us-east-1').config.recorders();
    expect(config.commandCalls(DescribeConfigurationRecordersCommand)).toHaveLength(2);
  });

  it('answers an empty list where Config was never set up', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    const { data } = mockedLiveSource();
    expect(await data().config.recorders()).toEqual([]);
    expect(await data().config.recorderStatus()).toEqual([]);
  });

  it('does not read an answer without its list as "no recorder"', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({});
    await expect(mockedLiveSource().data().config.recorders()).rejects.toMatchObject({
      reason: 'malformed-response',
      action: 'config:DescribeConfigurationRecorders',
    });
  });

  it('does not hide a denied read', async () => {
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .rejects(new ConfigServiceServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'no' }));
    await expect(mockedLiveSource().data().config.recorderStatus()).rejects.toMatchObject({
      reason: 'access-denied',
      action: 'config:DescribeConfigurationRecorderStatus',
    });
  });
});
