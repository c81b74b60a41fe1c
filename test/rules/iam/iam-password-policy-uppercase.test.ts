import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-password-policy-uppercase.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const FULL = { MinimumPasswordLength: 14, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireSymbols: true, RequireNumbers: true };

describe('iam-password-policy-uppercase (IAM.11)', () => {
  it('passes a policy with RequireUppercaseCharacters set', async () => {
    const { results, findings } = await run({ 'iam.passwordPolicy': FULL });
    expect(results.map((r) => r.status)).toEqual(['PASSED']);
    expect(results[0]?.evidence).toEqual({ RequireUppercaseCharacters: true });
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' });
  });

  it.each([
    ['false', { ...FULL, RequireUppercaseCharacters: false }, false],
    ['absent', { MinimumPasswordLength: 14 }, null],
  ])('fails a policy where RequireUppercaseCharacters is %s', async (_label, policy, seen) => {
    const { results, findings } = await run({ 'iam.passwordPolicy': policy });
    expect(results[0]).toMatchObject({ status: 'FAILED', evidence: { RequireUppercaseCharacters: seen } });
    expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
  });

  it('fails an account without a password policy', async () => {
    const { results } = await run({ 'iam.passwordPolicy': null });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'NO_PASSWORD_POLICY' });
  });

  it('maps CIS v1.2.0 1.5 only', async () => {
    const { findings } = await run({ 'iam.passwordPolicy': FULL }, { benchmarks: ['1.2.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/1.5']);
    expect(Object.keys(rule.cis)).toEqual(['1.2.0']);
  });

  it('is NOT_AVAILABLE when the password policy cannot be read', async () => {
    const { results } = await run({ 'iam.passwordPolicy': denied('iam:GetAccountPasswordPolicy') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:GetAccountPasswordPolicy (AccessDenied)' });
  });
});
