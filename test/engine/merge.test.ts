import { describe, expect, it } from 'vitest';
import { countFindings } from '../../src/domain/counts.js';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mergeFindings, mergeRuns, spoolMergedFindings } from '../../src/engine/merge.js';
import type { ScanDocument } from '../../src/engine/scan-document.js';
import { scanDocumentOf } from '../helpers/scan-document.js';

const finding = (id: string, status: string, updated = '2026-11-27T00:00:00.000Z', severity = 'HIGH'): AwsSecurityFinding => ({
  Id: id,
  UpdatedAt: updated,
  Compliance: { Status: status as 'PASSED' },
  Severity: { Label: (status === 'FAILED' ? severity : 'INFORMATIONAL') as 'HIGH' },
} as AwsSecurityFinding);

const doc = (account: string, findings: AwsSecurityFinding[], over: Partial<ScanDocument> = {}): ScanDocument =>
  scanDocumentOf(account, findings, {
    rules: [{ id: 'r', securityHubControlId: 'X.1', severity: 'HIGH', scope: 'region', evaluations: 1, durationMs: 5, results: { PASSED: 1, FAILED: 1, WARNING: 0, NOT_AVAILABLE: 0 } }],
    apiCalls: { calls: 3, attempts: 3, throttles: 0, byOperation: { 'iam:X': 3 }, byScope: { [`${account}/us-east-1`]: { calls: 3, attempts: 3, throttles: 0, byOperation: { 'iam:X': 3 } } } },
    ...over,
  });

describe('merge', () => {
  it('unites findings by Id, the newest update winning', () => {
    const merged = mergeFindings([[finding('a', 'FAILED', '2026-01-01T00:00:00.000Z')], [finding('a', 'PASSED', '2026-02-01T00:00:00.000Z'), finding('b', 'PASSED')]]);
    expect(merged.map((f) => [f.Id, f.Compliance?.Status])).toEqual([['a', 'PASSED'], ['b', 'PASSED']]);
  });

  it('combines scan records and recomputes counts from the merged findings', () => {
    const one = [finding('a', 'FAILED'), finding('b', 'PASSED')];
    const two = [finding('c', 'FAILED', undefined, 'LOW'), finding('d', 'PASSED')];
    const { findings, document } = mergeRuns([
      { findings: one, document: doc('111111111111', one) },
      { findings: two, document: doc('222222222222', two, { startedAt: '2026-11-27T09:59:00.000Z', durationMs: 61_000, regions: ['eu-west-1'] }) },
    ]);
    expect(findings).toHaveLength(4);
    expect(document.counts).toEqual(countFindings([...one, ...two]));
    expect(document.counts.failingBySeverity).toMatchObject({ HIGH: 1, LOW: 1 });
    expect(document.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(document.rules).toEqual([expect.objectContaining({ id: 'r', evaluations: 2, durationMs: 10, results: { PASSED: 2, FAILED: 2, WARNING: 0, NOT_AVAILABLE: 0 } })]);
    expect(document.startedAt).toBe('2026-11-27T09:59:00.000Z');
    expect(document.durationMs).toBe(61_000);
    expect(document.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(document.apiCalls).toMatchObject({ calls: 6, byOperation: { 'iam:X': 6 } });
    expect(Object.keys(document.apiCalls.byScope)).toEqual(['111111111111/us-east-1', '222222222222/us-east-1']);
  });

  it('unites findings over spools like mergeFindings, in account order, with only Ids in memory', () => {
    const of = (id: string, account: string, status: string, updated?: string) => ({ ...finding(id, status, updated), AwsAccountId: account });
    const one = [of('b1', '2', 'FAILED'), of('a1', '1', 'FAILED', '2026-01-01T00:00:00.000Z'), of('a2', '1', 'PASSED')];
    // a1 again, newer: it wins. b1 again, same UpdatedAt: the first seen stays. a2 again, older: stays.
    const two = [of('a1', '1', 'PASSED', '2026-02-01T00:00:00.000Z'), of('b1', '2', 'PASSED'), of('a2', '1', 'FAILED', '2025-01-01T00:00:00.000Z'), of('c1', '3', 'PASSED')];
    const spool = spoolMergedFindings([one, two]);
    try {
      const merged = [...spool];
      expect(merged.map((f) => [f.Id, f.Compliance?.Status])).toEqual([['a2', 'PASSED'], ['a1', 'PASSED'], ['b1', 'FAILED'], ['c1', 'PASSED']]);
      expect(new Set(merged)).toEqual(new Set(mergeFindings([one, two])));
      expect(countFindings(spool)).toEqual(countFindings(mergeFindings([one, two])));
    } finally {
      spool.release();
    }
  });
});
