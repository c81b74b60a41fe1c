import { defineRule } from '../../src/engine/rule.js';
import { PASSWORD_POLICY_REASON_CODES, evaluatePasswordPolicy, PASSWORD_POLICY_STEPS } from '../lib/password-policy.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-password-policy-max-age',
  title: 'Ensure IAM password policy expires passwords within 90 days or less',
  securityHubControlId: 'IAM.17',
  severity: 'LOW',
  cis: { '1.2.0': '1.11' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountPasswordPolicy'],
  params: { maxPasswordAgeDays: 90 },
  reasonCodes: {
    MAX_AGE_WITHIN_LIMIT: 'Passwords expire within maxPasswordAgeDays (90) days.',
    PASSWORDS_NEVER_EXPIRE: 'MaxPasswordAge is absent or zero: passwords never expire.',
    MAX_AGE_TOO_LONG: 'Passwords expire, but after more than maxPasswordAgeDays (90) days.',
    ...PASSWORD_POLICY_REASON_CODES,
  },
  remediation: withSteps('iam-password-policy-max-age', securityHubRemediation(
    'IAM.17',
    'Make passwords expire after 90 days or less (aws iam update-account-password-policy --max-password-age 90, keeping the other settings you use).',
  ), PASSWORD_POLICY_STEPS),
  async evaluate(ctx) {
    const limit = ctx.params.maxPasswordAgeDays;
    return evaluatePasswordPolicy(ctx, (policy) => {
      const age = policy.MaxPasswordAge;
      const never = age === undefined || age <= 0;
      const ok = !never && age <= limit;
      return {
        ok,
        reasonCode: ok ? 'MAX_AGE_WITHIN_LIMIT' : never ? 'PASSWORDS_NEVER_EXPIRE' : 'MAX_AGE_TOO_LONG',
        reason: ok
          ? `Passwords expire after ${age} days.`
          : never
            ? `Passwords never expire; they must expire within ${limit} days.`
            : `Passwords expire after ${age} days; they must expire within ${limit} days.`,
        evidence: { MaxPasswordAge: age ?? null, ExpirePasswords: policy.ExpirePasswords ?? null, maxPasswordAgeDays: limit },
      };
    });
  },
});
