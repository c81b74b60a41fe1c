import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { rootCredentialsAbsent } from '../lib/root.js';

export default defineRule({
  id: 'iam-root-hardware-mfa-enabled',
  title: 'Hardware MFA should be enabled for the root user',
  securityHubControlId: 'IAM.6',
  severity: 'CRITICAL',
  cis: { '1.2.0': '1.14', '1.4.0': '1.6', '3.0.0': '1.6', '5.0.0': '1.5', '6.0.0': '2.5', '7.0.0': '2.6' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'],
  reasonCodes: {
    ROOT_HARDWARE_MFA: 'The root user has MFA and no virtual MFA device, so its device is a hardware device.',
    ROOT_NO_CREDENTIALS: 'The root user has no password and no access keys (centralized root access).',
    ROOT_NO_MFA: 'The root user has credentials and no MFA device.',
    ROOT_VIRTUAL_MFA: 'The root user\'s MFA device is a virtual (software) device.',
  },
  remediation: withSteps('iam-root-hardware-mfa-enabled', securityHubRemediation(
    'IAM.6',
    'Sign in as the root user and register a hardware MFA device (a FIDO security key or a hardware TOTP token); then remove any virtual MFA device from the root user.',
  ), {
    change: 'Sign in as the root user and register a hardware MFA device (a FIDO security key or a hardware TOTP token) under Security credentials; then remove any virtual MFA device of the root user.',
    cannot: 'The root user is not an IAM resource: neither CloudFormation nor Terraform can manage its credentials; registering a hardware device needs the device itself, in the console.',
  }),
  async evaluate({ data, account, partition }) {
    const summary = await data.iam.accountSummary();
    const resource = accountResource(account);
    const evidence = {
      AccountMFAEnabled: summary.AccountMFAEnabled ?? null,
      AccountPasswordPresent: summary.AccountPasswordPresent ?? null,
      AccountAccessKeysPresent: summary.AccountAccessKeysPresent ?? null,
    };
    if (rootCredentialsAbsent(summary)) {
      return [pass(resource, 'The root user has no password and no access keys (centralized root access).', { reasonCode: 'ROOT_NO_CREDENTIALS', evidence })];
    }
    if (summary.AccountMFAEnabled !== 1) {
      return [fail(resource, 'The root user has no MFA device.', { reasonCode: 'ROOT_NO_MFA', evidence })];
    }
    const rootArn = `arn:${partition}:iam::${account}:root`;
    const virtual = (await data.iam.virtualMfaDevices()).filter((d) => d.userArn === rootArn);
    if (virtual.length > 0) {
      return [
        fail(resource, 'The root user\'s MFA device is a virtual (software) device, not a hardware device.', {
          reasonCode: 'ROOT_VIRTUAL_MFA',
          evidence: { ...evidence, rootVirtualMfaDevice: virtual.map((d) => d.serialNumber).join(', ') },
        }),
      ];
    }
    return [pass(resource, 'The root user has MFA and no virtual MFA device: the device is a hardware device.', { reasonCode: 'ROOT_HARDWARE_MFA', evidence })];
  },
});
