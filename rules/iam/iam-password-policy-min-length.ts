import { defineRule } from '../../src/engine/rule.js';
import { PASSWORD_POLICY_REASON_CODES, evaluatePasswordPolicy, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-password-policy-min-length',
  title: 'IAM password policies should require a minimum password length of 14 or greater',
  securityHubControlId: 'IAM.15',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.9', '1.4.0': '1.8', '3.0.0': '1.8', '5.0.0': '1.7', '6.0.0': '2.7', '7.0.0': '2.8' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  params: { minimumLength: 14 },
  reasonCodes: {
    MIN_LENGTH_SUFFICIENT: 'The policy requires at least minimumLength (14) characters.',
    MIN_LENGTH_TOO_SHORT: 'The policy sets a shorter minimum length, or none.',
    ...PASSWORD_POLICY_REASON_CODES,
  },
  remediation: withSteps('iam-password-policy-min-length', securityHubRemediation(
    'IAM.15',
    'Set the account password policy minimum length to 14 or more (IAM console, Account settings, or aws iam update-account-password-policy --minimum-password-length 14).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    const wanted = ctx.params.minimumLength;
    return evaluatePasswordPolicy(ctx, (policy) => {
      const length = policy.MinimumPasswordLength;
      const ok = length !== undefined && length >= wanted;
      return {
        ok,
        reasonCode: ok ? 'MIN_LENGTH_SUFFICIENT' : 'MIN_LENGTH_TOO_SHORT',
        reason:
          ok
            ? `The password policy requires at least ${length} characters.`
            : `The password policy requires ${length ?? 'no minimum number of'} characters; at least ${wanted} are required.`,
        evidence: { MinimumPasswordLength: length ?? null, required: wanted },
      };
    });
  },
});
