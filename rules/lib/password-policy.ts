/** Shared logic of the password policy rules (IAM.11 to IAM.17): no policy at all fails every one of them. */
import type { PasswordPolicy } from '@aws-sdk/client-iam';
import { accountResource, fail, pass, type Evidence, type RuleContext, type RuleResult } from '../../src/engine/rule.js';

export interface PolicyVerdict {
  ok: boolean;
  reason: string;
  evidence: Evidence;
}

export async function evaluatePasswordPolicy(
  { data, account }: Pick<RuleContext, 'data' | 'account'>,
  judge: (policy: PasswordPolicy) => PolicyVerdict,
): Promise<RuleResult[]> {
  const policy = await data.iam.passwordPolicy();
  const resource = accountResource(account);
  if (!policy) {
    return [fail(resource, 'The account has no IAM password policy.', { reasonCode: 'NO_PASSWORD_POLICY', evidence: { passwordPolicy: 'none' } })];
  }
  const verdict = judge(policy);
  return [(verdict.ok ? pass : fail)(resource, verdict.reason, { evidence: verdict.evidence })];
}

/** The judge for a boolean requirement of the policy (IAM.11 to IAM.14): the flag must be exactly true. */
export function requiresFlag(
  field: 'RequireUppercaseCharacters' | 'RequireLowercaseCharacters' | 'RequireSymbols' | 'RequireNumbers',
  what: string,
): (policy: PasswordPolicy) => PolicyVerdict {
  return (policy) => {
    const ok = policy[field] === true;
    return {
      ok,
      reason: ok ? `The password policy requires ${what}.` : `The password policy does not require ${what}.`,
      evidence: { [field]: policy[field] ?? null },
    };
  };
}
