import { defineRule } from '../../src/engine/rule.js';
import { evaluatePasswordPolicy, requiresFlag } from '../lib/password-policy.js';
import { securityHubRemediation } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-password-policy-number',
  title: 'Ensure IAM password policy requires at least one number',
  securityHubControlId: 'IAM.14',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.8' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  remediation: securityHubRemediation(
    'IAM.14',
    'Require at least one number in the account password policy (IAM console, Account settings, or aws iam update-account-password-policy --require-numbers, keeping the other settings you use).',
  ),
  async evaluate(ctx) {
    return evaluatePasswordPolicy(ctx, requiresFlag('RequireNumbers', 'at least one number'));
  },
});
