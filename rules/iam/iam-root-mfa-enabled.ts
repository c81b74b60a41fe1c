import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { rootCredentialsAbsent } from '../lib/root.js';

export default defineRule({
  id: 'iam-root-mfa-enabled',
  title: 'MFA should be enabled for the root user',
  securityHubControlId: 'IAM.9',
  severity: 'CRITICAL',
  cis: { '1.2.0': '1.13', '1.4.0': '1.5', '3.0.0': '1.5', '5.0.0': '1.4', '6.0.0': '2.4', '7.0.0': '2.5' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountSummary'],
  reasonCodes: {
    ROOT_MFA_ENABLED: 'The root user has an MFA device.',
    ROOT_NO_CREDENTIALS: 'The root user has no password and no access keys (centralized root access).',
    ROOT_MFA_MISSING: 'The root user has credentials and no MFA device.',
  },
  remediation: withSteps('iam-root-mfa-enabled', securityHubRemediation(
    'IAM.9',
    'Sign in as the root user and assign an MFA device (a hardware key or an authenticator app) under Security credentials.',
  ), {
    change: 'Sign in as the root user and assign an MFA device (a security key, a hardware token or an authenticator app) under Security credentials, once per account.',
    cannot: 'The root user is not an IAM resource: neither CloudFormation nor Terraform can manage its credentials; activating a device needs codes from the device, in the console.',
  }),
  async evaluate({ data, account }) {
    const summary = await data.iam.accountSummary();
    const evidence = {
      AccountMFAEnabled: summary.AccountMFAEnabled ?? null,
      AccountPasswordPresent: summary.AccountPasswordPresent ?? null,
      AccountAccessKeysPresent: summary.AccountAccessKeysPresent ?? null,
    };
    const resource = accountResource(account);
    if (summary.AccountMFAEnabled === 1) return [pass(resource, 'The root user has an MFA device.', { reasonCode: 'ROOT_MFA_ENABLED', evidence })];
    if (rootCredentialsAbsent(summary)) {
      return [pass(resource, 'The root user has no password and no access keys (centralized root access).', { reasonCode: 'ROOT_NO_CREDENTIALS', evidence })];
    }
    return [fail(resource, 'The root user has no MFA device.', { reasonCode: 'ROOT_MFA_MISSING', evidence })];
  },
});
