import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-root-mfa-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const summary = (s: Record<string, number>) => ({ 'iam.accountSummary': s });

describe('iam-root-mfa-enabled (IAM.9)', () => {
  it('passes when the root user has MFA', async () => {
    const { results, findings } = await run(summary({ AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 }));
    expect(results.map((r) => r.status)).toEqual(['PASSED']);
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012', Region: 'us-east-1' });
    expect(findings[0]?.Severity?.Label).toBe('INFORMATIONAL');
  });

  it('fails when the root user has a password and no MFA', async () => {
    const { results, findings } = await run(summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 }));
    expect(results.map((r) => r.status)).toEqual(['FAILED']);
    expect(findings[0]?.Severity?.Label).toBe('CRITICAL');
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/1.4']);
  });

  it('fails when root keys exist even without a password', async () => {
    const { results } = await run(summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 1 }));
    expect(results[0]?.status).toBe('FAILED');
  });

  it('passes an account with no root credentials at all (centralized root access)', async () => {
    const { results } = await run(summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 }));
    expect(results[0]?.status).toBe('PASSED');
    expect(results[0]?.reason).toMatch(/centralized root access/);
  });

  it('does not pass when the summary lacks the credential fields', async () => {
    const { results } = await run(summary({ AccountMFAEnabled: 0 }));
    expect(results[0]?.status).toBe('FAILED');
  });

  it('is NOT_AVAILABLE, naming the action, when GetAccountSummary is denied', async () => {
    const { results, scan } = await run({ 'iam.accountSummary': denied('iam:GetAccountSummary') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
    expect(results[0]?.reason).toBe('Missing permission iam:GetAccountSummary (AccessDenied)');
    expect(scan.issues).toMatchObject([{ kind: 'data-unavailable', rule: 'iam-root-mfa-enabled', action: 'iam:GetAccountSummary' }]);
  });

  it('maps every benchmark version', async () => {
    const { findings } = await run(summary({ AccountMFAEnabled: 1 }), { benchmarks: ['1.2.0', '1.4.0', '3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.2.0/1.13',
      'CIS AWS Foundations Benchmark v1.4.0/1.5',
      'CIS AWS Foundations Benchmark v3.0.0/1.5',
      'CIS AWS Foundations Benchmark v5.0.0/1.4',
    ]);
  });
});
