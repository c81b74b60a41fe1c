import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-no-initial-access-key.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { daysAgo, GENERATED, key, report, row } from './fixtures.js';

const run = ruleHarness(rule);
const unused = () => key({ active: true, lastRotated: daysAgo(3) });
const used = () => key({ active: true, lastRotated: daysAgo(3), lastUsedDate: daysAgo(1) });

describe('iam-user-no-initial-access-key (CIS-only)', () => {
  it('fails console users with an active, never-used key and passes the others', async () => {
    const { results, findings } = await run(
      report(
        row('<root_account>', { passwordEnabled: null, accessKeys: [unused(), key()] }),
        row('console-both-unused', { passwordEnabled: true, accessKeys: [unused(), unused()] }),
        row('console-inactive-unused', { passwordEnabled: true, accessKeys: [key({ active: false, lastRotated: daysAgo(3) }), key()] }),
        row('console-no-keys', { passwordEnabled: true }),
        row('console-unused-key', { passwordEnabled: true, accessKeys: [used(), unused()] }),
        row('console-used-key', { passwordEnabled: true, accessKeys: [used(), key()] }),
        row('programmatic', { passwordEnabled: false, accessKeys: [unused(), key()] }),
      ),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['console-both-unused', 'FAILED'],
      ['console-inactive-unused', 'PASSED'],
      ['console-no-keys', 'PASSED'],
      ['console-unused-key', 'FAILED'],
      ['console-used-key', 'PASSED'],
      ['programmatic', 'PASSED'],
    ]);
    expect(results[0]?.reason).toBe('User console-both-unused has a console password and active access keys 1 and 2 that have never been used.');
    expect(results[3]).toMatchObject({
      reasonCode: 'UNUSED_INITIAL_ACCESS_KEY',
      reason: 'User console-unused-key has a console password and active access key 2 that has never been used.',
    });
    expect(results[5]?.reason).toBe('User programmatic has no console password.');
    for (const finding of findings) expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
    expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
  });

  it('runs where CIS marks it Automated or disputed (v1.4.0, v3.0.0), not Not Scored or Manual (v1.2.0, v5.0.0)', async () => {
    expect(['1.2.0', '1.4.0', '3.0.0', '5.0.0'].map((v) => runsFor(rule, v as '1.2.0'))).toEqual([false, true, true, false]);
    const { findings } = await run(report(row('a')), { benchmarks: ['1.4.0', '3.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/1.11', 'CIS AWS Foundations Benchmark v3.0.0/1.11']);
  });

  it('is NOT_AVAILABLE when the credential report cannot be read', async () => {
    const { results } = await run({ 'iam.credentialReport': denied('iam:GetCredentialReport') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
