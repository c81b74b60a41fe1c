import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-unused-credentials-45d.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { daysAgo, GENERATED, key, report, row } from './fixtures.js';

const run = ruleHarness(rule);

describe('iam-user-unused-credentials-45d (IAM.22)', () => {
  it('judges passwords and active keys by their last use, 45 days or more failing', async () => {
    const { results, findings } = await run(
      report(
        row('<root_account>', { passwordEnabled: null, passwordLastUsed: daysAgo(300) }),
        row('active', {
          passwordEnabled: true,
          passwordLastUsed: daysAgo(3),
          passwordLastChanged: daysAgo(400),
          accessKeys: [key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(44) }), key()],
        }),
        row('idle-password', { passwordEnabled: true, passwordLastUsed: daysAgo(45), passwordLastChanged: daysAgo(400) }),
        row('idle-key', {
          accessKeys: [key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(1) }), key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(100) })],
        }),
        row('inactive-old-key', { accessKeys: [key({ active: false, lastRotated: daysAgo(400), lastUsedDate: daysAgo(300) }), key()] }),
        row('nothing'),
      ),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['active', 'PASSED'],
      ['idle-password', 'FAILED'],
      ['idle-key', 'FAILED'],
      ['inactive-old-key', 'PASSED'],
      ['nothing', 'PASSED'],
    ]);
    expect(results[1]).toMatchObject({
      reasonCode: 'CREDENTIALS_UNUSED',
      reason: 'User idle-password has credentials unused for 45 days or more: console password (last used 45 days ago).',
    });
    expect(results[2]?.reason).toBe('User idle-key has credentials unused for 45 days or more: access key 2 (last used 100 days ago).');
    expect(results[4]?.reason).toBe('User nothing has no console password and no active access key.');
    for (const finding of findings) {
      expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
      expect(finding.ProductFields?.['hubcheck/evidence/maxUnusedDays']).toBe('45');
    }
  });

  it('ages never-used credentials from when they were set (the CIS audit)', async () => {
    const { results } = await run(
      report(
        row('new-password', { passwordEnabled: true, passwordLastChanged: daysAgo(10) }),
        row('old-password', { passwordEnabled: true, passwordLastChanged: daysAgo(60) }),
        row('new-key', { accessKeys: [key({ active: true, lastRotated: daysAgo(2) }), key()] }),
        row('old-key', { accessKeys: [key(), key({ active: true, lastRotated: daysAgo(46) })] }),
        row('password-from-creation', { passwordEnabled: true, userCreationTime: daysAgo(50) }),
      ),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['new-password', 'PASSED'],
      ['old-password', 'FAILED'],
      ['new-key', 'PASSED'],
      ['old-key', 'FAILED'],
      ['password-from-creation', 'FAILED'],
    ]);
    expect(results[1]?.reason).toContain('console password (never used, set 60 days ago)');
    expect(results[3]?.reason).toContain('access key 2 (never used, set 46 days ago)');
  });

  it('fails a credential with no date at all (fail closed)', async () => {
    const { results } = await run(report(row('undated', { passwordEnabled: true, userCreationTime: null })));
    expect(results[0]).toMatchObject({ status: 'FAILED' });
    expect(results[0]?.reason).toContain('console password (no usage or creation date in the report)');
  });

  it('maps CIS v1.4.0 1.12, v3.0.0 1.12 and v5.0.0 1.11, not v1.2.0', async () => {
    const { findings } = await run(report(row('a')), { benchmarks: ['1.4.0', '3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.4.0/1.12',
      'CIS AWS Foundations Benchmark v3.0.0/1.12',
      'CIS AWS Foundations Benchmark v5.0.0/1.11',
    ]);
    expect(rule.cis['1.2.0']).toBeUndefined();
  });

  it('is NOT_AVAILABLE when the credential report cannot be generated', async () => {
    const { results } = await run({ 'iam.credentialReport': denied('iam:GenerateCredentialReport') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:GenerateCredentialReport (AccessDenied)' });
  });
});
