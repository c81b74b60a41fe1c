import { defineRule } from '../../src/engine/rule.js';
import { evaluatePasswordPolicy, requiresFlag } from '../lib/password-policy.js';
import { securityHubRemediation } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-password-policy-lowercase',
  title: 'Ensure IAM password policy requires at least one lowercase letter',
  securityHubControlId: 'IAM.12',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.6' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  remediation: securityHubRemediation(
    'IAM.12',
    'Require at least one lowercase letter in the account password policy (IAM console, Account settings, or aws iam update-account-password-policy --require-lowercase-characters, keeping the other settings you use).',
  ),
  async evaluate(ctx) {
    return evaluatePasswordPolicy(ctx, requiresFlag('RequireLowercaseCharacters', 'at least one lowercase letter'));
  },
});
