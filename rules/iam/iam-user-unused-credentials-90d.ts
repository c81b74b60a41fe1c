import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { UNUSED_CREDENTIALS_REASON_CODES, evaluateUnusedCredentials, UNUSED_CREDENTIALS_STEPS } from '../lib/unused-credentials.js';

export default defineRule({
  id: 'iam-user-unused-credentials-90d',
  title: 'IAM user credentials unused for 90 days should be removed',
  securityHubControlId: 'IAM.8',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.3' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  params: { maxUnusedDays: 90 },
  reasonCodes: UNUSED_CREDENTIALS_REASON_CODES,
  remediation: withSteps('iam-user-unused-credentials-90d', securityHubRemediation(
    'IAM.8',
    'Remove the console password (aws iam delete-login-profile) and deactivate or delete the access keys that have not been used for 90 days.',
  ), UNUSED_CREDENTIALS_STEPS),
  async evaluate(ctx) {
    return evaluateUnusedCredentials(ctx, ctx.params.maxUnusedDays);
  },
});
