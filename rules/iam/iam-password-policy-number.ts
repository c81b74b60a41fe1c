import { defineRule } from '../../src/engine/rule.js';
import { passwordFlagRequirement, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

const requirement = passwordFlagRequirement('RequireNumbers');

export default defineRule({
  id: 'iam-password-policy-number',
  title: 'Ensure IAM password policy requires at least one number',
  securityHubControlId: 'IAM.14',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.8' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  reasonCodes: requirement.reasonCodes,
  remediation: withSteps('iam-password-policy-number', securityHubRemediation(
    'IAM.14',
    'Require at least one number in the account password policy (IAM console, Account settings, or aws iam update-account-password-policy --require-numbers, keeping the other settings you use).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    return requirement.evaluate(ctx);
  },
});
