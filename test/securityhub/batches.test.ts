import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { requestBytes, toBatches } from '../../src/securityhub/batches.js';
import { minimal } from '../helpers/asff-samples.js';

const finding = (i: number, padding = 0): AwsSecurityFinding =>
  ({ ...minimal(), Id: `f-${i}`, ...(padding ? { Description: 'd', ProductFields: { pad: 'x'.repeat(padding) } } : {}) }) as AwsSecurityFinding;

describe('toBatches', () => {
  it('cuts at 100 findings and keeps the order', () => {
    const findings = Array.from({ length: 250 }, (_, i) => finding(i));
    const batches = toBatches(findings);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat().map((f) => f.Id)).toEqual(findings.map((f) => f.Id));
  });

  it('cuts by request size before 100 when findings are large (6 MB per request)', () => {
    const findings = Array.from({ length: 100 }, (_, i) => finding(i, 230_000));
    const batches = toBatches(findings);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(requestBytes(batch)).toBeLessThanOrEqual(6_000_000);
      expect(Buffer.byteLength(JSON.stringify({ Findings: batch }))).toBe(requestBytes(batch));
    }
    // Greedy: each batch but the last could not take one more finding.
    for (const batch of batches.slice(0, -1)) expect(requestBytes([...batch, findings[0]!])).toBeGreaterThan(6_000_000);
    expect(batches.flat()).toHaveLength(100);
  });

  it('makes no batch from no findings', () => {
    expect(toBatches([])).toEqual([]);
  });
});
