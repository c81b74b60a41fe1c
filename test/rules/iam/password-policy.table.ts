/**
 * The test table every password-policy rule (IAM.11 to IAM.17) shares: no
 * policy fails, a denied read is NOT_AVAILABLE, the finding is about the
 * account. Each rule adds its own passed and failed cases.
 */
import { expect } from 'vitest';
import type { Rule } from '../../../src/engine/rule.js';
import type { PasswordFlag } from '../../../rules/lib/password-policy.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import type { RuleCase, RuleCases } from '../../helpers/rule-tester.js';

export const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
export const passwordPolicy = (policy: object | null) => ({ 'iam.passwordPolicy': policy });

export function passwordPolicyCases(rule: Rule, own: { passed: RuleCase[]; failed: RuleCase[] }): RuleCases {
  return {
    passed: own.passed,
    failed: [
      ...own.failed,
      {
        name: 'the account has no password policy',
        fixture: passwordPolicy(null),
        results: { resource: ACCOUNT, reasonCode: 'NO_PASSWORD_POLICY', reason: 'The account has no IAM password policy.', evidence: { passwordPolicy: 'none' } },
        check: ({ findings }) => {
          expect(findings[0]?.Severity?.Label).toBe(rule.severity);
          expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT, Region: 'us-east-1' });
        },
      },
    ],
    notAvailable: [
      {
        name: 'the password policy cannot be read',
        fixture: passwordPolicy(denied('iam:GetAccountPasswordPolicy')),
        results: {
          resource: ACCOUNT,
          reasonCode: 'ACCESS_DENIED',
          action: 'iam:GetAccountPasswordPolicy',
          reason: 'Missing permission iam:GetAccountPasswordPolicy (AccessDenied)',
        },
      },
    ],
  };
}

const FULL = { MinimumPasswordLength: 14, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireSymbols: true, RequireNumbers: true };

/** The whole table of a boolean requirement (IAM.11 to IAM.14), mapped to one CIS v1.2.0 requirement only. */
export function passwordFlagCases(rule: Rule, field: PasswordFlag, code: string, cisV12: string): RuleCases {
  return passwordPolicyCases(rule, {
    passed: [
      {
        name: `${field} is true`,
        fixture: passwordPolicy(FULL),
        results: { resource: ACCOUNT, reasonCode: `${code}_REQUIRED` },
        check: ({ results, findings }) => {
          expect(results[0]?.evidence).toEqual({ [field]: true });
          expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT });
        },
      },
      {
        name: `maps CIS v1.2.0 ${cisV12} only`,
        fixture: passwordPolicy(FULL),
        options: { benchmarks: ['1.2.0'] },
        results: { reasonCode: `${code}_REQUIRED` },
        check: ({ findings }) => {
          expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([`CIS AWS Foundations Benchmark v1.2.0/${cisV12}`]);
          expect(Object.keys(rule.cis)).toEqual(['1.2.0']);
        },
      },
    ],
    failed: [
      {
        name: `${field} is false`,
        fixture: passwordPolicy({ ...FULL, [field]: false }),
        results: { resource: ACCOUNT, reasonCode: `${code}_NOT_REQUIRED`, evidence: { [field]: false } },
        check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('MEDIUM'),
      },
      {
        name: `${field} is absent`,
        fixture: passwordPolicy({ MinimumPasswordLength: 14 }),
        results: { resource: ACCOUNT, reasonCode: `${code}_NOT_REQUIRED`, evidence: { [field]: null } },
        check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('MEDIUM'),
      },
    ],
  });
}
