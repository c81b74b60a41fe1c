import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-root-access-key-absent.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

describe('iam-root-access-key-absent (IAM.4)', () => {
  it('passes when the root user has no access keys', async () => {
    const { results } = await run({ 'iam.accountSummary': { AccountAccessKeysPresent: 0 } });
    expect(results.map((r) => r.status)).toEqual(['PASSED']);
  });

  it('fails when the root user has an access key', async () => {
    const { results, findings } = await run({ 'iam.accountSummary': { AccountAccessKeysPresent: 1 } });
    expect(results.map((r) => r.status)).toEqual(['FAILED']);
    expect(findings[0]?.Compliance?.SecurityControlId).toBe('IAM.4');
    expect(findings[0]?.ProductFields?.['hubcheck/evidence/AccountAccessKeysPresent']).toBe('1');
  });

  it('fails rather than passes when the summary does not say', async () => {
    const { results } = await run({ 'iam.accountSummary': { Users: 3 } });
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.reason).toMatch(/cannot be ruled out/);
  });

  it('is NOT_AVAILABLE when GetAccountSummary is denied', async () => {
    const { results } = await run({ 'iam.accountSummary': denied('iam:GetAccountSummary') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reasonCode: 'ACCESS_DENIED' });
  });
});
