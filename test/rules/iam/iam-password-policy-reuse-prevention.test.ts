import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-password-policy-reuse-prevention.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

describe('iam-password-policy-reuse-prevention (IAM.16)', () => {
  it('passes when 24 passwords are remembered', async () => {
    const { results } = await run({ 'iam.passwordPolicy': { PasswordReusePrevention: 24 } });
    expect(results[0]?.status).toBe('PASSED');
  });

  it.each([1, 5, 23])('fails when only %i passwords are remembered (Security Hub requires exactly 24)', async (n) => {
    const { results } = await run({ 'iam.passwordPolicy': { PasswordReusePrevention: n } });
    expect(results[0]?.status).toBe('FAILED');
  });

  it('fails when reuse prevention is off or there is no policy', async () => {
    expect((await run({ 'iam.passwordPolicy': { MinimumPasswordLength: 20 } })).results[0]?.status).toBe('FAILED');
    expect((await run({ 'iam.passwordPolicy': null })).results[0]?.status).toBe('FAILED');
  });

  it('is NOT_AVAILABLE when the policy cannot be read', async () => {
    const { results } = await run({ 'iam.passwordPolicy': denied('iam:GetAccountPasswordPolicy') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
