import { defineRule } from '../../src/engine/rule.js';
import { PASSWORD_POLICY_REASON_CODES, evaluatePasswordPolicy, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-password-policy-reuse-prevention',
  title: 'IAM password policies should prevent password reuse',
  securityHubControlId: 'IAM.16',
  severity: 'LOW',
  cis: { '1.2.0': '1.10', '1.4.0': '1.9', '3.0.0': '1.9', '5.0.0': '1.8', '6.0.0': '2.8', '7.0.0': '2.9' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  params: { passwordsRemembered: 24 },
  reasonCodes: {
    REUSE_PREVENTION_MET: 'The policy remembers exactly passwordsRemembered (24) previous passwords.',
    REUSE_PREVENTION_NOT_MET: 'The policy remembers another number of previous passwords, or none.',
    ...PASSWORD_POLICY_REASON_CODES,
  },
  remediation: withSteps('iam-password-policy-reuse-prevention', securityHubRemediation(
    'IAM.16',
    'Set the password policy to remember the last 24 passwords (aws iam update-account-password-policy --password-reuse-prevention 24).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    const wanted = ctx.params.passwordsRemembered;
    return evaluatePasswordPolicy(ctx, (policy) => {
      const remembered = policy.PasswordReusePrevention;
      const ok = remembered === wanted;
      return {
        ok,
        reasonCode: ok ? 'REUSE_PREVENTION_MET' : 'REUSE_PREVENTION_NOT_MET',
        reason:
          ok
            ? `The password policy prevents reuse of the last ${remembered} passwords.`
            : `The password policy remembers ${remembered ?? 'no'} previous passwords; Security Hub requires exactly ${wanted}.`,
        evidence: { PasswordReusePrevention: remembered ?? null, required: wanted },
      };
    });
  },
});
