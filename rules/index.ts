/**
 * Every built-in rule, sorted by id. Explicit on purpose: no registration by
 * import side effect. The CLI hands this list to the registry.
 */
import type { Rule } from '../src/engine/rule.js';
import ec2DefaultSgClosed from './ec2/ec2-default-sg-closed.js';
import ec2EbsDefaultEncryptionEnabled from './ec2/ec2-ebs-default-encryption-enabled.js';
import iamPasswordPolicyMinLength from './iam/iam-password-policy-min-length.js';
import iamPasswordPolicyReusePrevention from './iam/iam-password-policy-reuse-prevention.js';
import iamRootAccessKeyAbsent from './iam/iam-root-access-key-absent.js';
import iamRootMfaEnabled from './iam/iam-root-mfa-enabled.js';
import iamUserConsoleMfaEnabled from './iam/iam-user-console-mfa-enabled.js';

export const builtInRules: readonly Rule[] = [
  ec2DefaultSgClosed,
  ec2EbsDefaultEncryptionEnabled,
  iamPasswordPolicyMinLength,
  iamPasswordPolicyReusePrevention,
  iamRootAccessKeyAbsent,
  iamRootMfaEnabled,
  iamUserConsoleMfaEnabled,
] as readonly Rule[];
