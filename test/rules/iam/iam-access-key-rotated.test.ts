import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-access-key-rotated.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { daysAgo, GENERATED, key, report, row } from './fixtures.js';

const run = ruleHarness(rule);

describe('iam-access-key-rotated (IAM.3)', () => {
  it('fails a user with an active key older than 90 days and passes fresh, inactive and absent keys', async () => {
    const { results, findings } = await run(
      report(
        row('<root_account>', { passwordEnabled: null, accessKeys: [key({ active: true, lastRotated: daysAgo(400) }), key()] }),
        row('fresh', { accessKeys: [key({ active: true, lastRotated: daysAgo(10) }), key({ active: true, lastRotated: daysAgo(90) })] }),
        row('no-keys'),
        row('old-inactive', { accessKeys: [key({ active: false, lastRotated: daysAgo(500) }), key()] }),
        row('stale', { accessKeys: [key({ active: true, lastRotated: daysAgo(30) }), key({ active: true, lastRotated: daysAgo(91) })] }),
      ),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['fresh', 'PASSED'],
      ['no-keys', 'PASSED'],
      ['old-inactive', 'PASSED'],
      ['stale', 'FAILED'],
    ]);
    expect(results[3]).toMatchObject({ reasonCode: 'ACCESS_KEY_NOT_ROTATED', reason: 'User stale has active access keys older than 90 days: access key 2 (91 days old).' });
    for (const finding of findings) expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
    expect(findings[3]?.ProductFields?.['hubcheck/evidence/maxAccessKeyAgeDays']).toBe('90');
  });

  it('fails an active key whose rotation date the report does not give (fail closed)', async () => {
    const { results } = await run(report(row('odd', { accessKeys: [key({ active: true, lastRotated: null }), key()] })));
    expect(results[0]).toMatchObject({ status: 'FAILED', reason: 'User odd has active access keys older than 90 days: access key 1 (no rotation date).' });
  });

  it('takes the age from the scan clock, not the wall clock', async () => {
    const fixture = report(row('k', { accessKeys: [key({ active: true, lastRotated: '2026-01-01T00:00:00+00:00' }), key()] }));
    expect((await run(fixture, { now: new Date('2026-03-01T00:00:00Z') })).results[0]?.status).toBe('PASSED');
    expect((await run(fixture, { now: new Date('2026-04-15T00:00:00Z') })).results[0]?.status).toBe('FAILED');
  });

  it('is NOT_AVAILABLE when the credential report cannot be read', async () => {
    const { results } = await run({ 'iam.credentialReport': denied('iam:GetCredentialReport') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:GetCredentialReport (AccessDenied)' });
  });
});
