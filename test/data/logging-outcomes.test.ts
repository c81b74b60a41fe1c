/**
 * Logging outcomes moto cannot represent, through the real data layer with the
 * SDK clients mocked (aws-sdk-client-mock):
 * - AWS Config with lastStatus FAILURE (moto keeps every recorder PENDING);
 * - a member account of an organization: the management account's organization
 *   trail and a central-logging bucket in another account (moto trails and
 *   buckets live in the caller's own account).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, DescribeConfigurationRecorderStatusCommand, DescribeConfigurationRecordersCommand } from '@aws-sdk/client-config-service';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { builtInRules } from '../../rules/index.js';
import { PromiseCache } from '../../src/data/cache.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';

const MEMBER = '123456789012';
const MANAGEMENT = '999988887777';
const sts = mockClient(STSClient);
const cloudtrail = mockClient(CloudTrailClient);
const config = mockClient(ConfigServiceClient);
const s3 = mockClient(S3Client);
afterEach(() => [sts, cloudtrail, config, s3].forEach((m) => m.reset()));

async function scan(ruleIds: string[]) {
  sts.on(GetCallerIdentityCommand).resolves({ Account: MEMBER, Arn: `arn:aws:iam::${MEMBER}:user/auditor`, UserId: 'AIDA' });
  const { source } = mockedLiveSource();
  const result = await scanAccount(source, new PromiseCache(), {
    rules: builtInRules.filter((r) => ruleIds.includes(r.id)),
    benchmarks: ['1.4.0'],
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    now: new Date('2026-11-27T12:00:00Z'),
    logger: silentLogger,
  });
  return Object.fromEntries(result.evaluations.map((e) => [e.rule.id, e.results.map((r) => ({ status: r.status, code: r.reasonCode, name: r.resource.name }))]));
}

describe('logging outcomes moto cannot represent', () => {
  it('fails Config.1 when the recorder last failed to deliver', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [
        {
          name: 'default',
          roleARN: `arn:aws:iam::${MEMBER}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      ],
    });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Failure', lastErrorCode: 'NoSuchBucket' }],
    });
    expect(await scan(['config-recorder-enabled'])).toEqual({ 'config-recorder-enabled': [{ status: 'FAILED', code: 'CONFIG_RECORDER_DELIVERY_FAILED', name: MEMBER }] });
  });

  it("counts the management account's organization trail for CloudTrail.1, and leaves its alarms to that account", async () => {
    const orgTrail = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`;
    cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 'org-trail',
          TrailARN: orgTrail,
          HomeRegion: 'us-east-1',
          IsMultiRegionTrail: true,
          IsOrganizationTrail: true,
          S3BucketName: 'org-log-archive',
          CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:org-trail:*`,
        },
        // The member's own trail delivers to the log-archive account's bucket (central logging).
        { Name: 'member-trail', TrailARN: `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/member-trail`, HomeRegion: 'us-east-1', IsMultiRegionTrail: false, S3BucketName: 'org-log-archive' },
      ],
    });
    cloudtrail.on(GetTrailStatusCommand, { Name: orgTrail }).resolves({ IsLogging: true });
    cloudtrail.on(GetEventSelectorsCommand, { TrailName: orgTrail }).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'member-app-data', BucketRegion: 'us-east-1' }] });

    const results = await scan(['cloudtrail-multi-region-enabled', 'cloudwatch-root-usage-alarm', 'cloudtrail-bucket-access-logging-enabled', 'cloudtrail-trail-kms-encrypted']);
    expect(results).toEqual({
      'cloudtrail-bucket-access-logging-enabled': [{ status: 'WARNING', code: 'TRAIL_BUCKET_NOT_IN_ACCOUNT', name: 'org-log-archive' }],
      'cloudtrail-multi-region-enabled': [{ status: 'PASSED', code: 'MULTI_REGION_TRAIL_PRESENT', name: MEMBER }],
      // Only the member's own trail is the member's to fix.
      'cloudtrail-trail-kms-encrypted': [{ status: 'FAILED', code: 'TRAIL_NOT_KMS_ENCRYPTED', name: 'member-trail' }],
      'cloudwatch-root-usage-alarm': [{ status: 'WARNING', code: 'CLOUDTRAIL_TRAIL_OTHER_ACCOUNT', name: MEMBER }],
    });
    // Status and selectors of the organization trail were asked for by ARN, once each.
    expect(cloudtrail.commandCalls(GetTrailStatusCommand).map((c) => c.args[0].input)).toEqual([{ Name: orgTrail }]);
    expect(cloudtrail.commandCalls(GetEventSelectorsCommand)).toHaveLength(1);
  });
});
