import { expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-server-certificate-not-expired.js';
import type { ServerCertificateInfo } from '../../../src/data/iam.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';

const certArn = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:server-certificate/${name}`;
const cert = (name: string, expiration: string | null): ServerCertificateInfo => ({
  name,
  id: `ASCA${name.toUpperCase()}`,
  arn: certArn(name),
  path: '/',
  uploadDate: '2025-01-01T00:00:00.000Z',
  expiration,
});
const edge = { 'iam.serverCertificates': [cert('edge', '2026-06-01T00:00:00.000Z')] };

testRule(rule, {
  passed: [
    {
      name: 'the scan clock, one second before expiry',
      fixture: edge,
      options: { now: new Date('2026-05-31T23:59:59Z') },
      results: { resource: certArn('edge'), reasonCode: 'CERTIFICATE_VALID' },
    },
    {
      name: 'covers CIS v1.4.0 1.19 as an extra requirement',
      fixture: { 'iam.serverCertificates': [cert('web', '2027-06-01T00:00:00.000Z')] },
      options: { benchmarks: ['1.4.0', '5.0.0'] },
      results: { resource: certArn('web'), reasonCode: 'CERTIFICATE_VALID' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.4.0/1.19',
          'CIS AWS Foundations Benchmark v5.0.0/1.18',
        ]),
    },
  ],
  failed: [
    {
      name: 'an expired certificate fails and a valid one passes, as Other resources identified by ARN',
      fixture: { 'iam.serverCertificates': [cert('old', '2026-11-27T11:59:59.000Z'), cert('web', '2027-06-01T00:00:00.000Z')] },
      results: [
        { resource: certArn('old'), reasonCode: 'CERTIFICATE_EXPIRED', reason: 'Server certificate old expired on 2026-11-27T11:59:59.000Z.' },
        { resource: certArn('web'), status: 'PASSED', reasonCode: 'CERTIFICATE_VALID' },
      ],
      check: ({ findings }) => {
        expect(findings[0]?.Resources?.[0]).toMatchObject({
          Type: 'Other',
          Id: certArn('old'),
          Details: { Other: { ServerCertificateName: 'old', ServerCertificateId: 'ASCAOLD', Expiration: '2026-11-27T11:59:59.000Z' } },
        });
        expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
        expect(findings[1]?.Severity?.Label).toBe('INFORMATIONAL');
      },
    },
    {
      name: 'the scan clock, one second after expiry',
      fixture: edge,
      options: { now: new Date('2026-06-01T00:00:01Z') },
      results: { resource: certArn('edge'), reasonCode: 'CERTIFICATE_EXPIRED' },
    },
    {
      name: 'a certificate without an expiration date (fail closed)',
      fixture: { 'iam.serverCertificates': [cert('odd', null)] },
      results: { resource: certArn('odd'), reasonCode: 'CERTIFICATE_EXPIRATION_UNKNOWN' },
    },
  ],
  notAvailable: [
    {
      name: 'the certificates cannot be listed',
      fixture: { 'iam.serverCertificates': denied('iam:ListServerCertificates') },
      results: {
        resource: `AWS::::Account:${TEST_ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:ListServerCertificates',
        reason: 'Missing permission iam:ListServerCertificates (AccessDenied)',
      },
    },
  ],
});

// Not a table case: a table case must yield a result of its group's status.
const run = ruleHarness(rule);
it('gives no result when IAM stores no server certificate', async () => {
  expect((await run({ 'iam.serverCertificates': [] })).results).toEqual([]);
});
