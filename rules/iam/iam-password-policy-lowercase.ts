import { defineRule } from '../../src/engine/rule.js';
import { passwordFlagRequirement, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

const requirement = passwordFlagRequirement('RequireLowercaseCharacters');

export default defineRule({
  id: 'iam-password-policy-lowercase',
  title: 'Ensure IAM password policy requires at least one lowercase letter',
  securityHubControlId: 'IAM.12',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.6' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  reasonCodes: requirement.reasonCodes,
  remediation: withSteps('iam-password-policy-lowercase', securityHubRemediation(
    'IAM.12',
    'Require at least one lowercase letter in the account password policy (IAM console, Account settings, or aws iam update-account-password-policy --require-lowercase-characters, keeping the other settings you use).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    return requirement.evaluate(ctx);
  },
});
