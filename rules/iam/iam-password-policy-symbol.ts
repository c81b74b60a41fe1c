import { defineRule } from '../../src/engine/rule.js';
import { passwordFlagRequirement, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

const requirement = passwordFlagRequirement('RequireSymbols');

export default defineRule({
  id: 'iam-password-policy-symbol',
  title: 'Ensure IAM password policy requires at least one symbol',
  securityHubControlId: 'IAM.13',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.7' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  reasonCodes: requirement.reasonCodes,
  remediation: withSteps('iam-password-policy-symbol', securityHubRemediation(
    'IAM.13',
    'Require at least one symbol in the account password policy (IAM console, Account settings, or aws iam update-account-password-policy --require-symbols, keeping the other settings you use).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    return requirement.evaluate(ctx);
  },
});
