/**
 * Every built-in rule, sorted by id. Explicit on purpose: no registration by
 * import side effect. The CLI hands this list to the registry.
 * (Regenerate with `npm run rules:index` after adding a rule file.)
 */
import type { Rule } from '../src/engine/rule.js';
import accountSecurityContactRegistered from './account/account-security-contact-registered.js';
import apigatewayHttpStageAccessLoggingEnabled from './apigateway/apigateway-http-stage-access-logging-enabled.js';
import apigatewayRestStageAccessLoggingEnabled from './apigateway/apigateway-rest-stage-access-logging-enabled.js';
import cloudfrontDistributionAccessLoggingEnabled from './cloudfront/cloudfront-distribution-access-logging-enabled.js';
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
import ec2InstanceIamRoleAttached from './ec2/ec2-instance-iam-role-attached.js';
import ec2InstanceImdsv2Required from './ec2/ec2-instance-imdsv2-required.js';
import ec2NaclAdminPortsRestricted from './ec2/ec2-nacl-admin-ports-restricted.js';
import ec2SgAdminPortsIpv4Restricted from './ec2/ec2-sg-admin-ports-ipv4-restricted.js';
import ec2SgAdminPortsIpv6Restricted from './ec2/ec2-sg-admin-ports-ipv6-restricted.js';
import ec2SgCifsRestricted from './ec2/ec2-sg-cifs-restricted.js';
import ec2SgRdpRestricted from './ec2/ec2-sg-rdp-restricted.js';
import ec2SgSshRestricted from './ec2/ec2-sg-ssh-restricted.js';
import ec2VpcFlowLogsEnabled from './ec2/ec2-vpc-flow-logs-enabled.js';
import ecrRepositoryPolicyNoPublicPrincipal from './ecr/ecr-repository-policy-no-public-principal.js';
import efsFilesystemEncryptedAtRest from './efs/efs-filesystem-encrypted-at-rest.js';
import efsFilesystemKmsEncrypted from './efs/efs-filesystem-kms-encrypted.js';
import elbApplicationLoadBalancerAccessLoggingEnabled from './elb/elb-application-load-balancer-access-logging-enabled.js';
import elbClassicLoadBalancerAccessLoggingEnabled from './elb/elb-classic-load-balancer-access-logging-enabled.js';
import iamAccessKeyRotated from './iam/iam-access-key-rotated.js';
import iamCloudshellFullAccessNotAttached from './iam/iam-cloudshell-full-access-not-attached.js';
import iamExternalAccessAnalyzerEnabled from './iam/iam-external-access-analyzer-enabled.js';
import iamPasswordPolicyLowercase from './iam/iam-password-policy-lowercase.js';
import iamPasswordPolicyMaxAge from './iam/iam-password-policy-max-age.js';
import iamPasswordPolicyMinLength from './iam/iam-password-policy-min-length.js';
import iamPasswordPolicyNumber from './iam/iam-password-policy-number.js';
import iamPasswordPolicyReusePrevention from './iam/iam-password-policy-reuse-prevention.js';
import iamPasswordPolicySymbol from './iam/iam-password-policy-symbol.js';
import iamPasswordPolicyUppercase from './iam/iam-password-policy-uppercase.js';
import iamPolicyNoFullAdmin from './iam/iam-policy-no-full-admin.js';
import iamRootAccessCentralized from './iam/iam-root-access-centralized.js';
import iamRootAccessKeyAbsent from './iam/iam-root-access-key-absent.js';
import iamRootHardwareMfaEnabled from './iam/iam-root-hardware-mfa-enabled.js';
import iamRootMfaEnabled from './iam/iam-root-mfa-enabled.js';
import iamServerCertificateNotExpired from './iam/iam-server-certificate-not-expired.js';
import iamSupportRoleExists from './iam/iam-support-role-exists.js';
import iamUserConsoleMfaEnabled from './iam/iam-user-console-mfa-enabled.js';
import iamUserNoDirectPolicies from './iam/iam-user-no-direct-policies.js';
import iamUserNoInitialAccessKey from './iam/iam-user-no-initial-access-key.js';
import iamUserSingleActiveAccessKey from './iam/iam-user-single-active-access-key.js';
import iamUserUnusedCredentials45d from './iam/iam-user-unused-credentials-45d.js';
import iamUserUnusedCredentials90d from './iam/iam-user-unused-credentials-90d.js';
import kmsKeyPolicyNoPublicPrincipal from './kms/kms-key-policy-no-public-principal.js';
import kmsKeyRotationEnabled from './kms/kms-key-rotation-enabled.js';
import lambdaFunctionPolicyNoPublicPrincipal from './lambda/lambda-function-policy-no-public-principal.js';
import macieAccountEnabled from './macie/macie-account-enabled.js';
import rdsClusterMultiAz from './rds/rds-cluster-multi-az.js';
import rdsInstanceAutoMinorVersionUpgrade from './rds/rds-instance-auto-minor-version-upgrade.js';
import rdsInstanceMultiAz from './rds/rds-instance-multi-az.js';
import rdsInstanceNotPublic from './rds/rds-instance-not-public.js';
import rdsInstanceStorageEncrypted from './rds/rds-instance-storage-encrypted.js';
import s3AccountPublicAccessBlockEnabled from './s3/s3-account-public-access-block-enabled.js';
import s3BucketDefaultEncryptionEnabled from './s3/s3-bucket-default-encryption-enabled.js';
import s3BucketMfaDeleteEnabled from './s3/s3-bucket-mfa-delete-enabled.js';
import s3BucketPolicyNoPublicPrincipal from './s3/s3-bucket-policy-no-public-principal.js';
import s3BucketPublicAccessBlockEnabled from './s3/s3-bucket-public-access-block-enabled.js';
import s3BucketSslRequestsOnly from './s3/s3-bucket-ssl-requests-only.js';
import s3ObjectReadEventsLogged from './s3/s3-object-read-events-logged.js';
import s3ObjectWriteEventsLogged from './s3/s3-object-write-events-logged.js';
import secretsmanagerSecretPolicyNoPublicPrincipal from './secretsmanager/secretsmanager-secret-policy-no-public-principal.js';
import securityhubAccountEnabled from './securityhub/securityhub-account-enabled.js';
import snsTopicPolicyNoPublicPrincipal from './sns/sns-topic-policy-no-public-principal.js';
import sqsQueuePolicyNoPublicPrincipal from './sqs/sqs-queue-policy-no-public-principal.js';

export const builtInRules: readonly Rule[] = [
  accountSecurityContactRegistered,
  apigatewayHttpStageAccessLoggingEnabled,
  apigatewayRestStageAccessLoggingEnabled,
  cloudfrontDistributionAccessLoggingEnabled,
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
  ec2InstanceIamRoleAttached,
  ec2InstanceImdsv2Required,
  ec2NaclAdminPortsRestricted,
  ec2SgAdminPortsIpv4Restricted,
  ec2SgAdminPortsIpv6Restricted,
  ec2SgCifsRestricted,
  ec2SgRdpRestricted,
  ec2SgSshRestricted,
  ec2VpcFlowLogsEnabled,
  ecrRepositoryPolicyNoPublicPrincipal,
  efsFilesystemEncryptedAtRest,
  efsFilesystemKmsEncrypted,
  elbApplicationLoadBalancerAccessLoggingEnabled,
  elbClassicLoadBalancerAccessLoggingEnabled,
  iamAccessKeyRotated,
  iamCloudshellFullAccessNotAttached,
  iamExternalAccessAnalyzerEnabled,
  iamPasswordPolicyLowercase,
  iamPasswordPolicyMaxAge,
  iamPasswordPolicyMinLength,
  iamPasswordPolicyNumber,
  iamPasswordPolicyReusePrevention,
  iamPasswordPolicySymbol,
  iamPasswordPolicyUppercase,
  iamPolicyNoFullAdmin,
  iamRootAccessCentralized,
  iamRootAccessKeyAbsent,
  iamRootHardwareMfaEnabled,
  iamRootMfaEnabled,
  iamServerCertificateNotExpired,
  iamSupportRoleExists,
  iamUserConsoleMfaEnabled,
  iamUserNoDirectPolicies,
  iamUserNoInitialAccessKey,
  iamUserSingleActiveAccessKey,
  iamUserUnusedCredentials45d,
  iamUserUnusedCredentials90d,
  kmsKeyPolicyNoPublicPrincipal,
  kmsKeyRotationEnabled,
  lambdaFunctionPolicyNoPublicPrincipal,
  macieAccountEnabled,
  rdsClusterMultiAz,
  rdsInstanceAutoMinorVersionUpgrade,
  rdsInstanceMultiAz,
  rdsInstanceNotPublic,
  rdsInstanceStorageEncrypted,
  s3AccountPublicAccessBlockEnabled,
  s3BucketDefaultEncryptionEnabled,
  s3BucketMfaDeleteEnabled,
  s3BucketPolicyNoPublicPrincipal,
  s3BucketPublicAccessBlockEnabled,
  s3BucketSslRequestsOnly,
  s3ObjectReadEventsLogged,
  s3ObjectWriteEventsLogged,
  secretsmanagerSecretPolicyNoPublicPrincipal,
  securityhubAccountEnabled,
  snsTopicPolicyNoPublicPrincipal,
  sqsQueuePolicyNoPublicPrincipal,
] as readonly Rule[];
