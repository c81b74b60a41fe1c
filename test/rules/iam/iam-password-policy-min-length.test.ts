import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-password-policy-min-length.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

describe('iam-password-policy-min-length (IAM.15)', () => {
  it.each([14, 20])('passes a minimum length of %i', async (length) => {
    const { results } = await run({ 'iam.passwordPolicy': { MinimumPasswordLength: length } });
    expect(results[0]?.status).toBe('PASSED');
  });

  it.each([8, 13])('fails a minimum length of %i', async (length) => {
    const { results, findings } = await run({ 'iam.passwordPolicy': { MinimumPasswordLength: length } });
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.evidence).toMatchObject({ MinimumPasswordLength: length, required: 14 });
    expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
  });

  it('fails an account without a password policy', async () => {
    const { results } = await run({ 'iam.passwordPolicy': null });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'NO_PASSWORD_POLICY' });
  });

  it('fails a policy that sets no minimum length', async () => {
    const { results } = await run({ 'iam.passwordPolicy': { RequireSymbols: true } });
    expect(results[0]?.status).toBe('FAILED');
  });

  it('is NOT_AVAILABLE when the password policy cannot be read', async () => {
    const { results } = await run({ 'iam.passwordPolicy': denied('iam:GetAccountPasswordPolicy') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
    expect(results[0]?.reason).toContain('iam:GetAccountPasswordPolicy');
  });
});
