/**
 * Seed for the logging and monitoring rules: CloudTrail.1, .2, .4, .5, .6, .7,
 * Config.1, S3.22, S3.23, CloudWatch.1 to .14, the CIS 4.15 Organizations alarm
 * and Security Hub enabled (4.16), across us-east-1 and eu-west-1.
 *
 * us-east-1 holds the compliant chain: a multi-Region, logging, KMS-encrypted,
 * validated trail with all management events and S3 write data events, a private
 * bucket with access logging, a CloudWatch Logs log group with a metric filter and
 * alarm per CIS pattern, an SNS topic with a subscription, AWS Config recording
 * with the service-linked role, and Security Hub. Some of the fifteen chains are
 * broken on purpose, one per Security Hub reason code. eu-west-1 shows the
 * failures: a single-Region trail with none of the settings, a public bucket
 * without access logging, a trail whose bucket has gone (as a central-logging
 * bucket of another account looks), Config with a custom role, no Security Hub.
 *
 * This seed owns the account's Config recorders and Security Hub enablement.
 * CloudTrail.6 expects the eu-west-1 bucket to be public: that holds only while
 * the account-level S3 Block Public Access (the storage seed's) is off.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  PutBucketAclCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { builtInRules } from '../../../rules/index.js';
import { motoClient } from '../../../src/dev/moto-server.js';
import { cisFilterPattern, metricNameOf, putMetricAlarm } from '../../../src/dev/seed-metric-alarm.js';
import type { Expectation, Seed } from './seed.js';

export const ACCOUNT = '123456789012';
const USE1 = 'us-east-1';
const EUW1 = 'eu-west-1';
export const MAIN_TRAIL = 'main-trail';
export const LOG_GROUP = '/hubcheck/cloudtrail';
const KMS_KEY = `arn:aws:kms:${USE1}:${ACCOUNT}:key/6f1d2c3b-8a9e-4c5d-9e0f-123456789abc`;
const SERVICE_LINKED_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
const topic = (region: string, name: string, account = ACCOUNT) => `arn:aws:sns:${region}:${account}:${name}`;

export const CLOUDWATCH_RULES = builtInRules.filter((r) => typeof r.params.filterPattern === 'string').map((r) => r.id);

/**
 * How each metric-filter chain is set up in us-east-1 and what it must give.
 * `filter` is the pattern put on the log group (default: the CIS one as it is).
 */
interface ChainPlan {
  filter?: string;
  alarm?: 'none' | 'no-actions' | { topic: string };
  status: Expectation['status'];
}

export function chainPlans(): Record<string, ChainPlan> {
  const ok = topic(USE1, 'security-alerts');
  const plans: Record<string, ChainPlan> = Object.fromEntries(CLOUDWATCH_RULES.map((id) => [id, { alarm: { topic: ok }, status: 'PASSED' }]));
  // CLOUDTRAIL_METRIC_FILTER_NOT_VALID: a || branch missing.
  plans['cloudwatch-unauthorized-api-calls-alarm'] = { filter: '{ ($.errorCode = "*UnauthorizedOperation") }', alarm: { topic: ok }, status: 'FAILED' };
  // Broader than the CIS pattern (the CIS two-term variant): FAILED, CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS, exactMatch false.
  plans['cloudwatch-console-login-no-mfa-alarm'] = {
    filter: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    alarm: { topic: ok },
    status: 'FAILED',
  };
  // The same pattern spelt differently: PASSED, exactMatch true.
  plans['cloudwatch-config-changes-alarm'] = {
    filter:
      '{ ($.eventSource = "config.amazonaws.com" && $.eventName = "StopConfigurationRecorder") || ($.eventSource = "config.amazonaws.com" && $.eventName = "DeleteDeliveryChannel") || ($.eventSource = "config.amazonaws.com" && $.eventName = "PutDeliveryChannel") || ($.eventSource = "config.amazonaws.com" && $.eventName = "PutConfigurationRecorder") }',
    alarm: { topic: ok },
    status: 'PASSED',
  };
  plans['cloudwatch-iam-policy-changes-alarm'] = { alarm: 'none', status: 'FAILED' }; // CLOUDWATCH_ALARMS_NOT_PRESENT
  plans['cloudwatch-cloudtrail-changes-alarm'] = { alarm: 'no-actions', status: 'FAILED' }; // CLOUDWATCH_ALARM_ACTIONS_NOT_VALID
  plans['cloudwatch-console-auth-failures-alarm'] = { alarm: { topic: topic(USE1, 'nobody-listens') }, status: 'FAILED' }; // SNS_SUBSCRIPTION_NOT_PRESENT
  plans['cloudwatch-kms-key-disable-delete-alarm'] = { alarm: { topic: topic(USE1, 'deleted-topic') }, status: 'FAILED' }; // SNS_TOPIC_INVALID
  plans['cloudwatch-s3-bucket-policy-changes-alarm'] = { alarm: { topic: topic(USE1, 'central', '999988887777') }, status: 'WARNING' }; // SNS_TOPIC_CROSS_ACCOUNT
  // prowler's longer list for CIS 4.15: broader, FAILED (CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS).
  plans['cloudwatch-organizations-changes-alarm'] = {
    filter: cisFilterPattern('cloudwatch-organizations-changes-alarm').replace(
      '($.eventName = "AcceptHandshake")',
      '($.eventName = "AcceptHandshake") || ($.eventName = "CancelHandshake") || ($.eventName = "CreateOrganization") || ($.eventName = "EnableAllFeatures")',
    ),
    alarm: { topic: ok },
    status: 'FAILED',
  };
  return plans;
}

/** The reason code each broken chain must carry. */
export const CHAIN_REASON_CODES: Record<string, string> = {
  'cloudwatch-unauthorized-api-calls-alarm': 'CLOUDTRAIL_METRIC_FILTER_NOT_VALID',
  'cloudwatch-console-login-no-mfa-alarm': 'CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS',
  'cloudwatch-organizations-changes-alarm': 'CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS',
  'cloudwatch-iam-policy-changes-alarm': 'CLOUDWATCH_ALARMS_NOT_PRESENT',
  'cloudwatch-cloudtrail-changes-alarm': 'CLOUDWATCH_ALARM_ACTIONS_NOT_VALID',
  'cloudwatch-console-auth-failures-alarm': 'SNS_SUBSCRIPTION_NOT_PRESENT',
  'cloudwatch-kms-key-disable-delete-alarm': 'SNS_TOPIC_INVALID',
  'cloudwatch-s3-bucket-policy-changes-alarm': 'SNS_TOPIC_CROSS_ACCOUNT',
};

export const loggingSeed: Seed = {
  name: 'logging',
  rules: [
    'cloudtrail-multi-region-enabled',
    'cloudtrail-trail-kms-encrypted',
    'cloudtrail-trail-log-validation-enabled',
    'cloudtrail-trail-cloudwatch-logs-enabled',
    'cloudtrail-bucket-not-public',
    'cloudtrail-bucket-access-logging-enabled',
    'config-recorder-enabled',
    's3-object-write-events-logged',
    's3-object-read-events-logged',
    'securityhub-account-enabled',
    ...CLOUDWATCH_RULES,
  ],
  async seed(url) {
    const s3 = { [USE1]: motoClient(S3Client, url, USE1), [EUW1]: motoClient(S3Client, url, EUW1) };
    const trails = { [USE1]: motoClient(CloudTrailClient, url, USE1), [EUW1]: motoClient(CloudTrailClient, url, EUW1) };

    // --- us-east-1: the compliant trail and its bucket --------------------------------
    await s3[USE1].send(new CreateBucketCommand({ Bucket: 'logging-access-use1' }));
    await s3[USE1].send(
      new PutBucketPolicyCommand({
        Bucket: 'logging-access-use1',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::logging-access-use1/*' }],
        }),
      }),
    );
    await s3[USE1].send(new CreateBucketCommand({ Bucket: 'logging-trail-use1' }));
    await s3[USE1].send(
      new PutBucketPolicyCommand({
        Bucket: 'logging-trail-use1',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AWSCloudTrailWrite',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::logging-trail-use1/AWSLogs/${ACCOUNT}/*`,
              Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:${USE1}:${ACCOUNT}:trail/${MAIN_TRAIL}` } },
            },
          ],
        }),
      }),
    );
    await s3[USE1].send(
      new PutBucketLoggingCommand({
        Bucket: 'logging-trail-use1',
        BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logging-access-use1', TargetPrefix: 'trail/' } },
      }),
    );
    await motoClient(CloudWatchLogsClient, url, USE1).send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
    await trails[USE1].send(
      new CreateTrailCommand({
        Name: MAIN_TRAIL,
        S3BucketName: 'logging-trail-use1',
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KmsKeyId: KMS_KEY,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${USE1}:${ACCOUNT}:log-group:${LOG_GROUP}:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-cloudwatch`,
      }),
    );
    // moto gives a new trail no selectors: all management events, plus S3 object writes (not reads).
    await trails[USE1].send(
      new PutEventSelectorsCommand({
        TrailName: MAIN_TRAIL,
        EventSelectors: [
          { ReadWriteType: 'All', IncludeManagementEvents: true },
          { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
        ],
      }),
    );
    await trails[USE1].send(new StartLoggingCommand({ Name: MAIN_TRAIL })); // the name: moto 5.2.1 fails on an ARN

    // --- us-east-1: SNS topics, metric filters and alarms ------------------------------
    const sns = motoClient(SNSClient, url, USE1);
    const alerts = await sns.send(new CreateTopicCommand({ Name: 'security-alerts' }));
    await sns.send(new SubscribeCommand({ TopicArn: alerts.TopicArn, Protocol: 'email', Endpoint: 'secops@example.com' }));
    await sns.send(new CreateTopicCommand({ Name: 'nobody-listens' }));
    const logs = motoClient(CloudWatchLogsClient, url, USE1);
    const cloudwatch = motoClient(CloudWatchClient, url, USE1);
    const plans = chainPlans();
    for (const [id, plan] of Object.entries(plans)) {
      const metricName = metricNameOf(id);
      await putMetricAlarm(logs, cloudwatch, {
        logGroupName: LOG_GROUP,
        filterName: id,
        filterPattern: plan.filter ?? cisFilterPattern(id),
        metricName,
        namespace: 'CISBenchmark',
        alarmName: `${metricName}-alarm`,
        alarmActions: plan.alarm === 'none' ? null : plan.alarm === 'no-actions' ? [] : [plan.alarm?.topic ?? ''],
      });
    }

    // --- eu-west-1: a non-compliant trail and bucket, and a bucket that is gone --------
    await s3[EUW1].send(new CreateBucketCommand({ Bucket: 'logging-trail-euw1', CreateBucketConfiguration: { LocationConstraint: EUW1 } }));
    await s3[EUW1].send(new PutBucketAclCommand({ Bucket: 'logging-trail-euw1', ACL: 'public-read' }));
    await trails[EUW1].send(new CreateTrailCommand({ Name: 'eu-trail', S3BucketName: 'logging-trail-euw1' }));
    await trails[EUW1].send(new PutEventSelectorsCommand({ TrailName: 'eu-trail', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
    await trails[EUW1].send(new StartLoggingCommand({ Name: 'eu-trail' }));
    await s3[EUW1].send(new CreateBucketCommand({ Bucket: 'logging-central-euw1', CreateBucketConfiguration: { LocationConstraint: EUW1 } }));
    await trails[EUW1].send(new CreateTrailCommand({ Name: 'eu-central-trail', S3BucketName: 'logging-central-euw1', EnableLogFileValidation: true }));
    await s3[EUW1].send(new DeleteBucketCommand({ Bucket: 'logging-central-euw1' }));

    // --- AWS Config and Security Hub -----------------------------------------------------
    const recorder = async (region: string, roleARN: string) => {
      const config = motoClient(ConfigServiceClient, url, region);
      await config.send(
        new PutConfigurationRecorderCommand({
          ConfigurationRecorder: { name: 'default', roleARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === USE1 } },
        }),
      );
      await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: `config-${region}` } }));
      await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    };
    await recorder(USE1, SERVICE_LINKED_ROLE);
    await recorder(EUW1, `arn:aws:iam::${ACCOUNT}:role/config-recorder`);
    await motoClient(SecurityHubClient, url, USE1).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));

    const both = (rule: string, status: Expectation['status']): Expectation[] => [USE1, EUW1].map((region) => ({ rule, region, resource: ACCOUNT, status }));
    return [
      ...both('cloudtrail-multi-region-enabled', 'PASSED'),
      ...both('s3-object-write-events-logged', 'PASSED'),
      ...both('s3-object-read-events-logged', 'FAILED'),
      { rule: 'cloudtrail-trail-kms-encrypted', region: USE1, resource: MAIN_TRAIL, status: 'PASSED' },
      { rule: 'cloudtrail-trail-kms-encrypted', region: EUW1, resource: 'eu-trail', status: 'FAILED' },
      { rule: 'cloudtrail-trail-kms-encrypted', region: EUW1, resource: 'eu-central-trail', status: 'FAILED' },
      { rule: 'cloudtrail-trail-log-validation-enabled', region: USE1, resource: MAIN_TRAIL, status: 'PASSED' },
      { rule: 'cloudtrail-trail-log-validation-enabled', region: EUW1, resource: 'eu-trail', status: 'FAILED' },
      { rule: 'cloudtrail-trail-log-validation-enabled', region: EUW1, resource: 'eu-central-trail', status: 'PASSED' },
      { rule: 'cloudtrail-trail-cloudwatch-logs-enabled', region: USE1, resource: MAIN_TRAIL, status: 'PASSED' },
      { rule: 'cloudtrail-trail-cloudwatch-logs-enabled', region: EUW1, resource: 'eu-trail', status: 'FAILED' },
      { rule: 'cloudtrail-trail-cloudwatch-logs-enabled', region: EUW1, resource: 'eu-central-trail', status: 'FAILED' },
      { rule: 'cloudtrail-bucket-not-public', region: USE1, resource: 'logging-trail-use1', status: 'PASSED' },
      { rule: 'cloudtrail-bucket-not-public', region: EUW1, resource: 'logging-trail-euw1', status: 'FAILED' },
      { rule: 'cloudtrail-bucket-not-public', region: EUW1, resource: 'logging-central-euw1', status: 'WARNING' },
      { rule: 'cloudtrail-bucket-access-logging-enabled', region: USE1, resource: 'logging-trail-use1', status: 'PASSED' },
      { rule: 'cloudtrail-bucket-access-logging-enabled', region: EUW1, resource: 'logging-trail-euw1', status: 'FAILED' },
      { rule: 'cloudtrail-bucket-access-logging-enabled', region: EUW1, resource: 'logging-central-euw1', status: 'WARNING' },
      // moto keeps lastStatus PENDING: it counts as working (rules/config/config-recorder-enabled.md).
      { rule: 'config-recorder-enabled', region: USE1, resource: ACCOUNT, status: 'PASSED' },
      { rule: 'config-recorder-enabled', region: EUW1, resource: ACCOUNT, status: 'FAILED' },
      { rule: 'securityhub-account-enabled', region: USE1, resource: ACCOUNT, status: 'PASSED' },
      { rule: 'securityhub-account-enabled', region: EUW1, resource: ACCOUNT, status: 'FAILED' },
      // One result per metric-filter rule, in the trail's home Region (none in eu-west-1).
      ...Object.entries(plans).map(([rule, plan]): Expectation => ({ rule, region: USE1, resource: ACCOUNT, status: plan.status })),
    ];
  },
};
