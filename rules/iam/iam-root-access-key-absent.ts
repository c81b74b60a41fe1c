import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-root-access-key-absent',
  title: 'IAM root user access key should not exist',
  securityHubControlId: 'IAM.4',
  severity: 'CRITICAL',
  cis: { '1.2.0': '1.12', '1.4.0': '1.4', '3.0.0': '1.4', '5.0.0': '1.3', '6.0.0': '2.3', '7.0.0': '2.4' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountSummary'],
  reasonCodes: {
    ROOT_ACCESS_KEYS_ABSENT: 'The root user has no access keys (AccountAccessKeysPresent is 0).',
    ROOT_ACCESS_KEYS_PRESENT: 'The root user has at least one access key.',
    ROOT_ACCESS_KEYS_UNKNOWN: 'GetAccountSummary did not report AccountAccessKeysPresent, so root keys cannot be ruled out.',
  },
  remediation: withSteps('iam-root-access-key-absent', securityHubRemediation(
    'IAM.4',
    'Sign in as the root user, delete its access keys under Security credentials, and use IAM roles or users instead.',
  ), {
    change: 'Delete the root user\'s access keys (once per account). Run the commands signed in with the root user\'s own key, or delete the keys under Security credentials in the console; use roles or IAM users instead.',
    cli: [
      "aws iam list-access-keys --query 'AccessKeyMetadata[].AccessKeyId' --output text",
      'aws iam delete-access-key --access-key-id {{accessKeyId}}',
    ],
    cannot: 'The root user is not an IAM resource: neither CloudFormation nor Terraform can manage its credentials (and the CLI needs the root user\'s own key).',
    inputs: { accessKeyId: { default: 'AKIAIOSFODNN7EXAMPLE', means: 'A root access key the first command lists.' } },
  }),
  async evaluate({ data, account }) {
    const summary = await data.iam.accountSummary();
    const present = summary.AccountAccessKeysPresent;
    const evidence = { AccountAccessKeysPresent: present ?? null };
    const resource = accountResource(account);
    if (present === 0) return [pass(resource, 'The root user has no access keys.', { reasonCode: 'ROOT_ACCESS_KEYS_ABSENT', evidence })];
    if (present === undefined) {
      return [fail(resource, 'GetAccountSummary did not report AccountAccessKeysPresent; root access keys cannot be ruled out.', { reasonCode: 'ROOT_ACCESS_KEYS_UNKNOWN', evidence })];
    }
    return [fail(resource, 'The root user has at least one access key.', { reasonCode: 'ROOT_ACCESS_KEYS_PRESENT', evidence })];
  },
});
