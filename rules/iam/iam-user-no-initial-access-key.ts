import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { ACCESS_KEY_ID_INPUT, DEACTIVATE_ACCESS_KEY_IAC, accessKeyEvidence, userRows } from '../lib/credential-report.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { iamUserResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-user-no-initial-access-key',
  title: 'Access keys should not be set up during initial user setup for IAM users with a console password',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.21', '1.4.0': '1.11', '3.0.0': '1.11', '5.0.0': '1.10', '6.0.0': '2.10' },
  cisStatus: { '1.2.0': 'NS', '1.4.0': 'A/M?', '3.0.0': 'A/M?', '5.0.0': 'M', '6.0.0': 'M' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  reasonCodes: {
    NO_UNUSED_ACCESS_KEY: 'The user has a console password and no active access key that was never used.',
    NO_CONSOLE_PASSWORD: 'The user has no console password.',
    UNUSED_INITIAL_ACCESS_KEY: 'The user has a console password and an active access key that was never used.',
  },
  remediation: withSteps('iam-user-no-initial-access-key', ruleDocRemediation(
    'iam',
    'iam-user-no-initial-access-key',
    'Delete the access keys that the console user has never used (aws iam delete-access-key); create keys later only for users that really need programmatic access.',
  ), {
    change: 'Deactivate, then delete, the access key the console user has never used (IAM, global); create keys later only for users that need programmatic access.',
    cli: [
      'aws iam list-access-keys --user-name {{resource}}',
      'aws iam update-access-key --user-name {{resource}} --access-key-id {{accessKeyId}} --status Inactive',
      'aws iam delete-access-key --user-name {{resource}} --access-key-id {{accessKeyId}}',
    ],
    ...DEACTIVATE_ACCESS_KEY_IAC,
    inputs: ACCESS_KEY_ID_INPUT,
  }),
  async evaluate({ data }) {
    const report = await data.iam.credentialReport();
    return userRows(report).map((row) => {
      const resource = iamUserResource(row.arn, row.user);
      const evidence = { password_enabled: row.passwordEnabled, ...accessKeyEvidence(row), reportGeneratedAt: report.generatedTime };
      if (row.passwordEnabled !== true) return pass(resource, `User ${row.user} has no console password.`, { reasonCode: 'NO_CONSOLE_PASSWORD', evidence });
      const unused = row.accessKeys.map((k, i) => ({ n: i + 1, k })).filter(({ k }) => k.active && k.lastUsedDate === null);
      if (unused.length > 0) {
        return fail(
          resource,
          `User ${row.user} has a console password and active access ${unused.length === 1 ? 'key' : 'keys'} ${unused.map((u) => u.n).join(' and ')} that ${unused.length === 1 ? 'has' : 'have'} never been used.`,
          { reasonCode: 'UNUSED_INITIAL_ACCESS_KEY', evidence },
        );
      }
      return pass(resource, `User ${row.user} has a console password and no active access key that was never used.`, { reasonCode: 'NO_UNUSED_ACCESS_KEY', evidence });
    });
  },
});
