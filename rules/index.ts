/**
 * Every built-in rule, sorted by id. Explicit on purpose: no registration by
 * import side effect. The CLI hands this list to the registry.
 */
import type { Rule } from '../src/engine/rule.js';
import cloudtrailBucketAccessLoggingEnabled from './cloudtrail/cloudtrail-bucket-access-logging-enabled.js';
import cloudtrailBucketNotPublic from './cloudtrail/cloudtrail-bucket-not-public.js';
import cloudtrailMultiRegionEnabled from './cloudtrail/cloudtrail-multi-region-enabled.js';
import cloudtrailTrailCloudwatchLogsEnabled from './cloudtrail/cloudtrail-trail-cloudwatch-logs-enabled.js';
import cloudtrailTrailKmsEncrypted from './cloudtrail/cloudtrail-trail-kms-encrypted.js';
import cloudtrailTrailLogValidationEnabled from './cloudtrail/cloudtrail-trail-log-validation-enabled.js';
import cloudwatchCloudtrailChangesAlarm from './cloudwatch/cloudwatch-cloudtrail-changes-alarm.js';
import cloudwatchConfigChangesAlarm from './cloudwatch/cloudwatch-config-changes-alarm.js';
import cloudwatchConsoleAuthFailuresAlarm from './cloudwatch/cloudwatch-console-auth-failures-alarm.js';
import cloudwatchConsoleLoginNoMfaAlarm from './cloudwatch/cloudwatch-console-login-no-mfa-alarm.js';
import cloudwatchIamPolicyChangesAlarm from './cloudwatch/cloudwatch-iam-policy-changes-alarm.js';
import cloudwatchKmsKeyDisableDeleteAlarm from './cloudwatch/cloudwatch-kms-key-disable-delete-alarm.js';
import cloudwatchNaclChangesAlarm from './cloudwatch/cloudwatch-nacl-changes-alarm.js';
import cloudwatchNetworkGatewayChangesAlarm from './cloudwatch/cloudwatch-network-gateway-changes-alarm.js';
import cloudwatchOrganizationsChangesAlarm from './cloudwatch/cloudwatch-organizations-changes-alarm.js';
import cloudwatchRootUsageAlarm from './cloudwatch/cloudwatch-root-usage-alarm.js';
import cloudwatchRouteTableChangesAlarm from './cloudwatch/cloudwatch-route-table-changes-alarm.js';
import cloudwatchS3BucketPolicyChangesAlarm from './cloudwatch/cloudwatch-s3-bucket-policy-changes-alarm.js';
import cloudwatchSecurityGroupChangesAlarm from './cloudwatch/cloudwatch-security-group-changes-alarm.js';
import cloudwatchUnauthorizedApiCallsAlarm from './cloudwatch/cloudwatch-unauthorized-api-calls-alarm.js';
import cloudwatchVpcChangesAlarm from './cloudwatch/cloudwatch-vpc-changes-alarm.js';
import configRecorderEnabled from './config/config-recorder-enabled.js';
import ec2DefaultSgClosed from './ec2/ec2-default-sg-closed.js';
import ec2EbsDefaultEncryptionEnabled from './ec2/ec2-ebs-default-encryption-enabled.js';
import iamPasswordPolicyMinLength from './iam/iam-password-policy-min-length.js';
import iamPasswordPolicyReusePrevention from './iam/iam-password-policy-reuse-prevention.js';
import iamRootAccessKeyAbsent from './iam/iam-root-access-key-absent.js';
import iamRootMfaEnabled from './iam/iam-root-mfa-enabled.js';
import iamUserConsoleMfaEnabled from './iam/iam-user-console-mfa-enabled.js';
import s3ObjectReadEventsLogged from './s3/s3-object-read-events-logged.js';
import s3ObjectWriteEventsLogged from './s3/s3-object-write-events-logged.js';
import securityhubAccountEnabled from './securityhub/securityhub-account-enabled.js';

export const builtInRules: readonly Rule[] = [
  cloudtrailBucketAccessLoggingEnabled,
  cloudtrailBucketNotPublic,
  cloudtrailMultiRegionEnabled,
  cloudtrailTrailCloudwatchLogsEnabled,
  cloudtrailTrailKmsEncrypted,
  cloudtrailTrailLogValidationEnabled,
  cloudwatchCloudtrailChangesAlarm,
  cloudwatchConfigChangesAlarm,
  cloudwatchConsoleAuthFailuresAlarm,
  cloudwatchConsoleLoginNoMfaAlarm,
  cloudwatchIamPolicyChangesAlarm,
  cloudwatchKmsKeyDisableDeleteAlarm,
  cloudwatchNaclChangesAlarm,
  cloudwatchNetworkGatewayChangesAlarm,
  cloudwatchOrganizationsChangesAlarm,
  cloudwatchRootUsageAlarm,
  cloudwatchRouteTableChangesAlarm,
  cloudwatchS3BucketPolicyChangesAlarm,
  cloudwatchSecurityGroupChangesAlarm,
  cloudwatchUnauthorizedApiCallsAlarm,
  cloudwatchVpcChangesAlarm,
  configRecorderEnabled,
  ec2DefaultSgClosed,
  ec2EbsDefaultEncryptionEnabled,
  iamPasswordPolicyMinLength,
  iamPasswordPolicyReusePrevention,
  iamRootAccessKeyAbsent,
  iamRootMfaEnabled,
  iamUserConsoleMfaEnabled,
  s3ObjectReadEventsLogged,
  s3ObjectWriteEventsLogged,
  securityhubAccountEnabled,
] as readonly Rule[];
