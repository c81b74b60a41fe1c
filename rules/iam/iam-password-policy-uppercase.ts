import { defineRule } from '../../src/engine/rule.js';
import { passwordFlagRequirement, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

const requirement = passwordFlagRequirement('RequireUppercaseCharacters');

export default defineRule({
  id: 'iam-password-policy-uppercase',
  title: 'Ensure IAM password policy requires at least one uppercase letter',
  securityHubControlId: 'IAM.11',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.5' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  reasonCodes: requirement.reasonCodes,
  remediation: withSteps('iam-password-policy-uppercase', securityHubRemediation(
    'IAM.11',
    'Require at least one uppercase letter in the account password policy (IAM console, Account settings, or aws iam update-account-password-policy --require-uppercase-characters, keeping the other settings you use).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    return requirement.evaluate(ctx);
  },
});
