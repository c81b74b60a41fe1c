/** Shared logic of the password policy rules (IAM.11 to IAM.17): no policy at all fails every one of them. */
import type { PasswordPolicy } from '@aws-sdk/client-iam';
import { accountResource, fail, pass, type Evidence, type ReasonCodes, type RemediationSteps, type RuleContext, type RuleResult } from '../../src/engine/rule.js';

export interface PolicyVerdict {
  ok: boolean;
  /** One of the rule's reason codes. */
  reasonCode: string;
  reason: string;
  evidence: Evidence;
}

/** The code every password-policy rule gives an account without a policy. */
export const PASSWORD_POLICY_REASON_CODES = {
  NO_PASSWORD_POLICY: 'The account has no IAM password policy (AWS applies its default policy).',
} as const satisfies ReasonCodes;

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
  return [(verdict.ok ? pass : fail)(resource, verdict.reason, { reasonCode: verdict.reasonCode, evidence: verdict.evidence })];
}

export type PasswordFlag = 'RequireUppercaseCharacters' | 'RequireLowercaseCharacters' | 'RequireSymbols' | 'RequireNumbers';

/** What each boolean requirement asks for, and the stem of its reason codes. */
const FLAGS: Record<PasswordFlag, { what: string; code: string }> = {
  RequireUppercaseCharacters: { what: 'at least one uppercase letter', code: 'UPPERCASE' },
  RequireLowercaseCharacters: { what: 'at least one lowercase letter', code: 'LOWERCASE' },
  RequireSymbols: { what: 'at least one symbol', code: 'SYMBOL' },
  RequireNumbers: { what: 'at least one number', code: 'NUMBER' },
};

/**
 * A boolean requirement of the policy (IAM.11 to IAM.14): the flag must be
 * exactly true. Gives the rule's reason codes and its evaluate.
 */
export function passwordFlagRequirement(field: PasswordFlag): {
  reasonCodes: ReasonCodes;
  evaluate(ctx: Pick<RuleContext, 'data' | 'account'>): Promise<RuleResult[]>;
} {
  const { what, code } = FLAGS[field];
  const required = `${code}_REQUIRED`;
  const notRequired = `${code}_NOT_REQUIRED`;
  return {
    reasonCodes: {
      [required]: `The password policy requires ${what} (${field} is true).`,
      [notRequired]: `The password policy does not require ${what} (${field} is false or absent).`,
      ...PASSWORD_POLICY_REASON_CODES,
    },
    evaluate: (ctx) =>
      evaluatePasswordPolicy(ctx, (policy) => {
        const ok = policy[field] === true;
        return {
          ok,
          reasonCode: ok ? required : notRequired,
          reason: ok ? `The password policy requires ${what}.` : `The password policy does not require ${what}.`,
          evidence: { [field]: policy[field] ?? null },
        };
      }),
  };
}

/**
 * The fix of every password-policy rule: one policy that meets all of CIS at
 * once (the API replaces the whole policy, so a call that set one field would
 * reset the others).
 */
export const PASSWORD_POLICY_STEPS: RemediationSteps = {
  change:
    'Set the account password policy (IAM, global, once per account) to the CIS values: at least 14 characters, upper and lower case letters, numbers and symbols, expiry within 90 days and the last 24 passwords remembered. The call replaces the whole policy.',
  cli: [
    'aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --max-password-age 90 --password-reuse-prevention 24 --allow-users-to-change-password',
  ],
  cloudformation: `# No CloudFormation resource type sets the account password policy; AWS's
# Systems Manager runbook does, run from a State Manager association.
PasswordPolicyAssociation:
  Type: AWS::SSM::Association
  Properties:
    Name: AWSConfigRemediation-SetIAMPasswordPolicy
    Parameters:
      AutomationAssumeRole:
        - "{{remediationRoleArn}}"
      MinimumPasswordLength:
        - "14"
      RequireUppercaseCharacters:
        - "true"
      RequireLowercaseCharacters:
        - "true"
      RequireNumbers:
        - "true"
      RequireSymbols:
        - "true"
      MaxPasswordAge:
        - "90"
      PasswordReusePrevention:
        - "24"
      AllowUsersToChangePassword:
        - "true"
`,
  terraform: `resource "aws_iam_account_password_policy" "cis" {
  minimum_password_length        = 14
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  max_password_age               = 90
  password_reuse_prevention      = 24
  allow_users_to_change_password = true
}
`,
  inputs: {
    remediationRoleArn: {
      default: 'arn:{{partition}}:iam::{{account}}:role/ssm-remediation',
      means: 'A role Systems Manager Automation assumes, allowed iam:UpdateAccountPasswordPolicy.',
    },
  },
};
