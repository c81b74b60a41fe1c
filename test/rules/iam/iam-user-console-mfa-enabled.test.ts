import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-console-mfa-enabled.js';
import type { CredentialReport, CredentialReportRow } from '../../../src/data/credential-report.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

function row(user: string, passwordEnabled: boolean | null, mfaActive: boolean): CredentialReportRow {
  const key = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
  return {
    user,
    arn: user === '<root_account>' ? 'arn:aws:iam::123456789012:root' : `arn:aws:iam::123456789012:user/${user}`,
    userCreationTime: '2026-01-01T00:00:00+00:00',
    passwordEnabled,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive,
    accessKeys: [key, key],
    certificates: [{ active: false, lastRotated: null }, { active: false, lastRotated: null }],
  };
}

const report = (...rows: CredentialReportRow[]): { 'iam.credentialReport': CredentialReport } => ({
  'iam.credentialReport': { generatedTime: '2026-11-27T10:00:00.000Z', rows },
});

describe('iam-user-console-mfa-enabled (IAM.5)', () => {
  it('gives one result per IAM user and ignores the root user', async () => {
    const { results, findings } = await run(
      report(row('<root_account>', null, false), row('alice', true, true), row('bob', true, false), row('ci-bot', false, false)),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['alice', 'PASSED'],
      ['bob', 'FAILED'],
      ['ci-bot', 'PASSED'],
    ]);
    const bob = findings.find((f) => f.Resources?.[0]?.Id === 'arn:aws:iam::123456789012:user/bob');
    expect(bob?.Resources?.[0]?.Type).toBe('AwsIamUser');
    expect(bob?.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe('2026-11-27T10:00:00.000Z');
  });

  it('gives no result for an account with no IAM users', async () => {
    const { results } = await run(report(row('<root_account>', null, true)));
    expect(results).toEqual([]);
  });

  it('is NOT_AVAILABLE when the credential report cannot be generated', async () => {
    const { results } = await run({ 'iam.credentialReport': denied('iam:GenerateCredentialReport') });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:GenerateCredentialReport (AccessDenied)' });
  });
});
