/**
 * Every built-in rule, sorted by id. Explicit on purpose: no registration by
 * import side effect. The CLI hands this list to the registry.
 */
import type { Rule } from '../src/engine/rule.js';
import accountSecurityContactRegistered from './account/account-security-contact-registered.js';
import ec2DefaultSgClosed from './ec2/ec2-default-sg-closed.js';
import ec2EbsDefaultEncryptionEnabled from './ec2/ec2-ebs-default-encryption-enabled.js';
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

export const builtInRules: readonly Rule[] = [
  accountSecurityContactRegistered,
  ec2DefaultSgClosed,
  ec2EbsDefaultEncryptionEnabled,
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
] as readonly Rule[];
