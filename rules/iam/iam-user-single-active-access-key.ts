import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { ACCESS_KEY_ID_INPUT, DEACTIVATE_ACCESS_KEY_IAC, accessKeyEvidence, userRows } from '../lib/credential-report.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { iamUserResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-user-single-active-access-key',
  title: 'IAM users should have at most one active access key',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '1.4.0': '1.13', '3.0.0': '1.13', '5.0.0': '1.12', '6.0.0': '2.12' },
  cisStatus: { '1.4.0': 'A', '3.0.0': 'A', '5.0.0': 'A', '6.0.0': 'A' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  reasonCodes: {
    AT_MOST_ONE_ACTIVE_ACCESS_KEY: 'The user has one active access key, or none.',
    MULTIPLE_ACTIVE_ACCESS_KEYS: 'The user has two active access keys.',
  },
  remediation: withSteps('iam-user-single-active-access-key', ruleDocRemediation(
    'iam',
    'iam-user-single-active-access-key',
    'Find which of the user\'s two active keys is in use, move everything to it, then deactivate and delete the other (aws iam update-access-key --status Inactive, delete-access-key).',
  ), {
    change: 'Keep one active access key per user (IAM, global): find which key is in use (aws iam get-access-key-last-used), move everything to it, then deactivate and delete the other.',
    cli: [
      'aws iam list-access-keys --user-name {{resource}}',
      'aws iam update-access-key --user-name {{resource}} --access-key-id {{accessKeyId}} --status Inactive',
    ],
    ...DEACTIVATE_ACCESS_KEY_IAC,
    inputs: ACCESS_KEY_ID_INPUT,
  }),
  async evaluate({ data }) {
    const report = await data.iam.credentialReport();
    return userRows(report).map((row) => {
      const resource = iamUserResource(row.arn, row.user);
      const active = row.accessKeys.filter((k) => k.active).length;
      const evidence = { ...accessKeyEvidence(row), activeAccessKeys: active, reportGeneratedAt: report.generatedTime };
      return active > 1
        ? fail(resource, `User ${row.user} has ${active} active access keys.`, { reasonCode: 'MULTIPLE_ACTIVE_ACCESS_KEYS', evidence })
        : pass(resource, `User ${row.user} has ${active === 0 ? 'no' : 'one'} active access key.`, { reasonCode: 'AT_MOST_ONE_ACTIVE_ACCESS_KEY', evidence });
    });
  },
});
