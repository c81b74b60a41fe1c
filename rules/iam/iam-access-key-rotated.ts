import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { ACCESS_KEY_ID_INPUT, accessKeyEvidence, ageInDays, userRows } from '../lib/credential-report.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { iamUserResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-access-key-rotated',
  title: 'IAM users\' access keys should be rotated every 90 days or less',
  securityHubControlId: 'IAM.3',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.4', '1.4.0': '1.14', '3.0.0': '1.14', '5.0.0': '1.13', '6.0.0': '2.13', '7.0.0': '2.12' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  reasonCodes: {
    ACCESS_KEYS_ROTATED: 'Every active access key of the user is at most maxAccessKeyAgeDays days old.',
    NO_ACTIVE_ACCESS_KEY: 'The user has no active access key.',
    ACCESS_KEY_NOT_ROTATED: 'An active access key is older than maxAccessKeyAgeDays days, or the report gives it no rotation date.',
  },
  params: { maxAccessKeyAgeDays: 90 },
  remediation: withSteps('iam-access-key-rotated', securityHubRemediation(
    'IAM.3',
    'Create a new access key, move the applications to it, then deactivate and delete the old key (aws iam create-access-key, update-access-key --status Inactive, delete-access-key).',
  ), {
    change: 'Rotate the user\'s old access key (IAM, global): create a second key, move every application to it, then deactivate the old key and, once nothing breaks, delete it.',
    cli: [
      'aws iam list-access-keys --user-name {{resource}}',
      'aws iam create-access-key --user-name {{resource}}',
      'aws iam update-access-key --user-name {{resource}} --access-key-id {{accessKeyId}} --status Inactive',
      'aws iam delete-access-key --user-name {{resource}} --access-key-id {{accessKeyId}}',
    ],
    cloudformation: `# For a key declared in the template: raising Serial replaces the key with a new one.
AccessKey:
  Type: AWS::IAM::AccessKey
  Properties:
    UserName: "{{resource}}"
    Serial: 2
    Status: Active
`,
    terraform: `# For a key declared in the configuration: replace it with
#   terraform apply -replace=aws_iam_access_key.this
resource "aws_iam_access_key" "this" {
  user   = "{{resource}}"
  status = "Active"
}
`,
    inputs: ACCESS_KEY_ID_INPUT,
  }),
  async evaluate({ data, now, params }) {
    const maxAge = params.maxAccessKeyAgeDays;
    const report = await data.iam.credentialReport();
    return userRows(report).map((row) => {
      const resource = iamUserResource(row.arn, row.user);
      const evidence = { ...accessKeyEvidence(row), maxAccessKeyAgeDays: maxAge, reportGeneratedAt: report.generatedTime };
      const active = row.accessKeys.map((key, i) => ({ n: i + 1, key, age: ageInDays(key.lastRotated, now) })).filter((k) => k.key.active);
      if (active.length === 0) return pass(resource, `User ${row.user} has no active access key.`, { reasonCode: 'NO_ACTIVE_ACCESS_KEY', evidence });
      // An active key whose creation date the report does not give cannot be shown to be fresh: it fails.
      const old = active.filter((k) => k.age === null || k.age > maxAge);
      if (old.length > 0) {
        const described = old.map((k) => (k.age === null ? `access key ${k.n} (no rotation date)` : `access key ${k.n} (${Math.floor(k.age)} days old)`));
        return fail(resource, `User ${row.user} has active access keys older than ${maxAge} days: ${described.join(', ')}.`, {
          reasonCode: 'ACCESS_KEY_NOT_ROTATED',
          evidence,
        });
      }
      return pass(resource, `Every active access key of user ${row.user} is at most ${maxAge} days old.`, { reasonCode: 'ACCESS_KEYS_ROTATED', evidence });
    });
  },
});
