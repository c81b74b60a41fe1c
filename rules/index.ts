/**
 * Every built-in rule, sorted by id. Explicit on purpose: no registration by
 * import side effect. The CLI hands this list to the registry.
 */
import type { Rule } from '../src/engine/rule.js';
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
import iamPasswordPolicyMinLength from './iam/iam-password-policy-min-length.js';
import iamPasswordPolicyReusePrevention from './iam/iam-password-policy-reuse-prevention.js';
import iamRootAccessKeyAbsent from './iam/iam-root-access-key-absent.js';
import iamRootMfaEnabled from './iam/iam-root-mfa-enabled.js';
import iamUserConsoleMfaEnabled from './iam/iam-user-console-mfa-enabled.js';

export const builtInRules: readonly Rule[] = [
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
  iamPasswordPolicyMinLength,
  iamPasswordPolicyReusePrevention,
  iamRootAccessKeyAbsent,
  iamRootMfaEnabled,
  iamUserConsoleMfaEnabled,
] as readonly Rule[];
