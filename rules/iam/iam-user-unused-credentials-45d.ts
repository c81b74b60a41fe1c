import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { UNUSED_CREDENTIALS_REASON_CODES, evaluateUnusedCredentials, UNUSED_CREDENTIALS_STEPS } from '../lib/unused-credentials.js';

export default defineRule({
  id: 'iam-user-unused-credentials-45d',
  title: 'IAM user credentials unused for 45 days should be removed',
  securityHubControlId: 'IAM.22',
  severity: 'MEDIUM',
  cis: { '1.4.0': '1.12', '3.0.0': '1.12', '5.0.0': '1.11', '6.0.0': '2.11', '7.0.0': '2.11' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  params: { maxUnusedDays: 45 },
  reasonCodes: UNUSED_CREDENTIALS_REASON_CODES,
  remediation: withSteps('iam-user-unused-credentials-45d', securityHubRemediation(
    'IAM.22',
    'Remove the console password (aws iam delete-login-profile) and deactivate or delete the access keys that have not been used for 45 days.',
  ), UNUSED_CREDENTIALS_STEPS),
  async evaluate(ctx) {
    return evaluateUnusedCredentials(ctx, ctx.params.maxUnusedDays);
  },
});
