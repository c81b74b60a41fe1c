import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-server-certificate-not-expired.js';
import type { ServerCertificateInfo } from '../../../src/data/iam.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const cert = (name: string, expiration: string | null): ServerCertificateInfo => ({
  name,
  id: `ASCA${name.toUpperCase()}`,
  arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  path: '/',
  uploadDate: '2025-01-01T00:00:00.000Z',
  expiration,
});

describe('iam-server-certificate-not-expired (IAM.26)', () => {
  it('fails expired certificates and passes valid ones, as Other resources identified by ARN', async () => {
    const { results, findings } = await run({
      'iam.serverCertificates': [cert('old', '2026-11-27T11:59:59.000Z'), cert('web', '2027-06-01T00:00:00.000Z')],
    });
    expect(results.map((r) => [r.resource.name, r.status, r.reasonCode ?? null])).toEqual([
      ['old', 'FAILED', 'CERTIFICATE_EXPIRED'],
      ['web', 'PASSED', null],
    ]);
    expect(results[0]?.reason).toBe('Server certificate old expired on 2026-11-27T11:59:59.000Z.');
    expect(findings[0]?.Resources?.[0]).toMatchObject({
      Type: 'Other',
      Id: 'arn:aws:iam::123456789012:server-certificate/old',
      Details: { Other: { ServerCertificateName: 'old', ServerCertificateId: 'ASCAOLD', Expiration: '2026-11-27T11:59:59.000Z' } },
    });
    expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
    expect(findings[1]?.Severity?.Label).toBe('INFORMATIONAL');
  });

  it('judges expiry against the scan clock', async () => {
    const fixture = { 'iam.serverCertificates': [cert('edge', '2026-06-01T00:00:00.000Z')] };
    expect((await run(fixture, { now: new Date('2026-05-31T23:59:59Z') })).results[0]?.status).toBe('PASSED');
    expect((await run(fixture, { now: new Date('2026-06-01T00:00:01Z') })).results[0]?.status).toBe('FAILED');
  });

  it('fails a certificate without an expiration date (fail closed)', async () => {
    const { results } = await run({ 'iam.serverCertificates': [cert('odd', null)] });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'CERTIFICATE_EXPIRATION_UNKNOWN' });
  });

  it('gives no result when IAM stores no server certificate', async () => {
    expect((await run({ 'iam.serverCertificates': [] })).results).toEqual([]);
  });

  it('covers CIS v1.4.0 1.19 as an extra requirement', async () => {
    const { findings } = await run({ 'iam.serverCertificates': [cert('web', '2027-06-01T00:00:00.000Z')] }, { benchmarks: ['1.4.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/1.19', 'CIS AWS Foundations Benchmark v5.0.0/1.18']);
  });

  it('is NOT_AVAILABLE when the certificates cannot be listed', async () => {
    const { results } = await run({ 'iam.serverCertificates': denied('iam:ListServerCertificates') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:ListServerCertificates (AccessDenied)' });
  });
});
