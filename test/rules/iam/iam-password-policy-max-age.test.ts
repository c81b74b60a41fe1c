import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-password-policy-max-age.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

describe('iam-password-policy-max-age (IAM.17)', () => {
  it.each([1, 60, 90])('passes passwords that expire after %i days', async (age) => {
    const { results } = await run({ 'iam.passwordPolicy': { MaxPasswordAge: age, ExpirePasswords: true } });
    expect(results[0]).toMatchObject({ status: 'PASSED', evidence: { MaxPasswordAge: age, maxPasswordAgeDays: 90 } });
  });

  it('fails passwords that expire after more than 90 days', async () => {
    const { results, findings } = await run({ 'iam.passwordPolicy': { MaxPasswordAge: 91, ExpirePasswords: true } });
    expect(results[0]).toMatchObject({ status: 'FAILED', reason: 'Passwords expire after 91 days; they must expire within 90 days.' });
    expect(findings[0]?.Severity?.Label).toBe('LOW');
  });

  it.each([
    ['no MaxPasswordAge', { MinimumPasswordLength: 14, ExpirePasswords: false }],
    ['a zero MaxPasswordAge', { MaxPasswordAge: 0 }],
  ])('fails a policy with %s: passwords never expire', async (_label, policy) => {
    const { results } = await run({ 'iam.passwordPolicy': policy });
    expect(results[0]).toMatchObject({ status: 'FAILED', reason: 'Passwords never expire; they must expire within 90 days.' });
  });

  it('fails an account without a password policy', async () => {
    const { results } = await run({ 'iam.passwordPolicy': null });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'NO_PASSWORD_POLICY' });
  });

  it('maps CIS v1.2.0 1.11 only', async () => {
    const { findings } = await run({ 'iam.passwordPolicy': { MaxPasswordAge: 30 } }, { benchmarks: ['1.2.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/1.11']);
  });

  it('is NOT_AVAILABLE when the password policy cannot be read', async () => {
    const { results } = await run({ 'iam.passwordPolicy': denied('iam:GetAccountPasswordPolicy') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
