import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-unused-credentials-90d.js';
import rule45 from '../../../rules/iam/iam-user-unused-credentials-45d.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { daysAgo, GENERATED, key, report, row } from './fixtures.js';

const run = ruleHarness(rule);

describe('iam-user-unused-credentials-90d (IAM.8)', () => {
  it('shares IAM.22\'s implementation with 90 days instead of 45', async () => {
    expect(rule.params).toEqual({ maxUnusedDays: 90 });
    expect(rule45.params).toEqual({ maxUnusedDays: 45 });
    const { results, findings } = await run(
      report(
        row('sixty-days', { passwordEnabled: true, passwordLastUsed: daysAgo(60), passwordLastChanged: daysAgo(400) }),
        row('ninety-days', { accessKeys: [key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(90) }), key()] }),
        row('never-used-old', { accessKeys: [key({ active: true, lastRotated: daysAgo(120) }), key()] }),
      ),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['sixty-days', 'PASSED'],
      ['ninety-days', 'FAILED'],
      ['never-used-old', 'FAILED'],
    ]);
    expect(results[1]?.reason).toBe('User ninety-days has credentials unused for 90 days or more: access key 1 (last used 90 days ago).');
    expect(findings[0]?.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
    expect(findings[1]?.ProductFields?.['hubcheck/evidence/maxUnusedDays']).toBe('90');
  });

  it('maps CIS v1.2.0 1.3 only', async () => {
    const { findings } = await run(report(row('a')), { benchmarks: ['1.2.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/1.3']);
    expect(Object.keys(rule.cis)).toEqual(['1.2.0']);
  });

  it('is NOT_AVAILABLE when the credential report cannot be read', async () => {
    const { results } = await run({ 'iam.credentialReport': denied('iam:GetCredentialReport') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
