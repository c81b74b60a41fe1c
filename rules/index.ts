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
