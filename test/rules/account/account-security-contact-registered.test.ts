import { describe, expect, it } from 'vitest';
import rule from '../../../rules/account/account-security-contact-registered.js';
import type { Json } from '../../../src/data/accessor.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const CONTACT = { type: 'SECURITY', name: 'Sec Team', title: 'CISO', emailAddress: 'sec@example.com', phoneNumber: '+1 555 0100' };

describe('account-security-contact-registered (Account.1)', () => {
  it('passes when a security contact is registered, asking for the SECURITY type, without copying the contact into the finding', async () => {
    const { results, findings, source } = await run({ 'account.alternateContact': ([type]: Json[]) => (type === 'SECURITY' ? CONTACT : null) });
    expect(results.map((r) => r.status)).toEqual(['PASSED']);
    expect(source.reads).toEqual([{ id: 'account.alternateContact', region: 'us-east-1', args: ['SECURITY'] }]);
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' });
    expect(JSON.stringify(findings[0])).not.toContain('sec@example.com');
  });

  it('fails when no security contact is registered', async () => {
    const { results, findings } = await run({ 'account.alternateContact': null });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'NO_SECURITY_CONTACT' });
    expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
  });

  it('maps CIS v3.0.0 and v5.0.0 1.2 (v6.0.0 2.2, v7.0.0 2.3) only', async () => {
    const { findings } = await run({ 'account.alternateContact': null }, { benchmarks: ['3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v3.0.0/1.2',
      'CIS AWS Foundations Benchmark v5.0.0/1.2',
    ]);
    expect(rule.cis).toEqual({ '3.0.0': '1.2', '5.0.0': '1.2', '6.0.0': '2.2', '7.0.0': '2.3' });
  });

  it('is NOT_AVAILABLE, naming the action, when the contact cannot be read', async () => {
    const { results } = await run({ 'account.alternateContact': denied('account:GetAlternateContact') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission account:GetAlternateContact (AccessDenied)' });
  });
});
