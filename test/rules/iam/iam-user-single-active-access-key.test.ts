import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-single-active-access-key.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { daysAgo, GENERATED, key, report, row } from './fixtures.js';

const run = ruleHarness(rule);
const active = () => key({ active: true, lastRotated: daysAgo(5) });

describe('iam-user-single-active-access-key (CIS-only)', () => {
  it('fails a user with two active keys and passes users with one, one plus an inactive one, or none', async () => {
    const { results, findings } = await run(
      report(
        row('<root_account>', { passwordEnabled: null, accessKeys: [active(), active()] }),
        row('one', { accessKeys: [active(), key()] }),
        row('one-plus-inactive', { accessKeys: [key({ active: false, lastRotated: daysAgo(200) }), active()] }),
        row('two', { accessKeys: [active(), active()] }),
        row('zero'),
      ),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['one', 'PASSED'],
      ['one-plus-inactive', 'PASSED'],
      ['two', 'FAILED'],
      ['zero', 'PASSED'],
    ]);
    expect(results[2]).toMatchObject({ reasonCode: 'MULTIPLE_ACTIVE_ACCESS_KEYS', reason: 'User two has 2 active access keys.', evidence: { activeAccessKeys: 2 } });
    expect(results[3]?.reason).toBe('User zero has no active access key.');
    for (const finding of findings) expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
    expect(findings[2]).toMatchObject({ Severity: { Label: 'MEDIUM' }, Resources: [{ Type: 'AwsIamUser', Id: 'arn:aws:iam::123456789012:user/two' }] });
    expect(findings[2]?.Compliance?.SecurityControlId).toBeUndefined();
  });

  it('runs for CIS v1.4.0, v3.0.0 and v5.0.0 (Automated), not v1.2.0', async () => {
    expect(['1.2.0', '1.4.0', '3.0.0', '5.0.0'].map((v) => runsFor(rule, v as '1.2.0'))).toEqual([false, true, true, true]);
    const { findings } = await run(report(row('one', { accessKeys: [active(), key()] })), { benchmarks: ['1.4.0', '3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.4.0/1.13',
      'CIS AWS Foundations Benchmark v3.0.0/1.13',
      'CIS AWS Foundations Benchmark v5.0.0/1.12',
    ]);
  });

  it('is NOT_AVAILABLE when the credential report cannot be read', async () => {
    const { results } = await run({ 'iam.credentialReport': denied('iam:GenerateCredentialReport') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
