/** The one definition of failing, suppressed, evaluated, counts and the exit code. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { toFinding } from '../../src/asff/to-asff.js';
import { validateFinding } from '../../src/asff/validate.js';
import { countFindings } from '../../src/domain/counts.js';
import { exitCodeOf, type ExitGate } from '../../src/domain/exit-code.js';
import { INCOMPLETE_FIELD, isEvaluated, isFailing, verdictOf } from '../../src/domain/status.js';
import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { finding } from '../helpers/findings.js';

const suppressed = (f: AwsSecurityFinding): AwsSecurityFinding => ({ ...f, Workflow: { Status: 'SUPPRESSED' } });
const incomplete = (f: AwsSecurityFinding): AwsSecurityFinding => ({ ...f, ProductFields: { ...f.ProductFields, [INCOMPLETE_FIELD]: 'true' } });

describe('verdicts', () => {
  it('failing is FAILED and not suppressed; evaluated is neither NOT_AVAILABLE nor incomplete', () => {
    expect(isFailing(verdictOf(finding({ status: 'FAILED' })))).toBe(true);
    expect(isFailing(verdictOf(suppressed(finding({ status: 'FAILED' }))))).toBe(false);
    expect(isFailing(verdictOf(finding({ status: 'WARNING' })))).toBe(false);
    expect(isEvaluated(verdictOf(finding({ status: 'FAILED' })))).toBe(true);
    expect(isEvaluated(verdictOf(finding({ status: 'NOT_AVAILABLE' })))).toBe(false);
    expect(isEvaluated(verdictOf(incomplete(finding({ status: 'PASSED' }))))).toBe(false);
  });
});

describe('countFindings', () => {
  it('counts FAILED by status with suppressed ones, and failing by severity without them', () => {
    const counts = countFindings([
      finding({ resource: 'a', severity: 'HIGH' }),
      suppressed(finding({ resource: 'b', severity: 'HIGH' })),
      finding({ resource: 'c', severity: 'LOW' }),
      finding({ resource: 'd', status: 'PASSED' }),
      finding({ resource: 'e', status: 'NOT_AVAILABLE' }),
      incomplete(finding({ resource: 'f', status: 'PASSED' })),
    ]);
    expect(counts).toMatchObject({
      total: 6,
      byStatus: { FAILED: 3, PASSED: 2, NOT_AVAILABLE: 1, WARNING: 0 },
      suppressed: 1,
      failing: 2,
      failingBySeverity: { HIGH: 1, LOW: 1, CRITICAL: 0 },
      notEvaluated: 2,
    });
  });
});

describe('exitCodeOf', () => {
  const gate = { failOn: 'HIGH' as const };
  it('is 1 for a failing finding at --fail-on, 0 when it is suppressed or below', () => {
    expect(exitCodeOf({ findings: [finding({ severity: 'HIGH' })], errors: 0 }, gate)).toBe(1);
    expect(exitCodeOf({ findings: [suppressed(finding({ severity: 'HIGH' }))], errors: 0 }, gate)).toBe(0);
    expect(exitCodeOf({ findings: [finding({ severity: 'MEDIUM' })], errors: 0 }, gate)).toBe(0);
  });

  it('is 3 when a verdict rests on a failed read, an issue was recorded, or findings were not delivered, whatever failed', () => {
    const failing = finding({ severity: 'CRITICAL' });
    expect(exitCodeOf({ findings: [failing, incomplete(finding({ resource: 'x', status: 'PASSED' }))], errors: 0 }, gate)).toBe(3);
    expect(exitCodeOf({ findings: [failing], errors: 1 }, gate)).toBe(3);
    expect(exitCodeOf({ findings: [failing], errors: 0, undelivered: true }, gate)).toBe(3);
  });

  it('with --fail-on-new, fails only on new or reopened failing findings at the threshold, and on every one without history', () => {
    const f = finding({ severity: 'HIGH' });
    expect(exitCodeOf({ findings: [f], errors: 0 }, { failOn: 'none', failOnNew: 'HIGH', freshFailing: {} })).toBe(0);
    expect(exitCodeOf({ findings: [f], errors: 0 }, { failOn: 'none', failOnNew: 'HIGH', freshFailing: { HIGH: 1 } })).toBe(1);
    expect(exitCodeOf({ findings: [f], errors: 0 }, { failOn: 'none', failOnNew: 'HIGH', freshFailing: { MEDIUM: 3 } })).toBe(0);
    expect(exitCodeOf({ findings: [f], errors: 0 }, { failOn: 'none', failOnNew: 'MEDIUM', freshFailing: { CRITICAL: 1 } })).toBe(1);
    expect(exitCodeOf({ findings: [f], errors: 0 }, { failOn: 'none', failOnNew: 'HIGH' })).toBe(1);
  });
});

describe('exitCodeOf with the counts of the findings', () => {
  it('decides as the findings do, and never reads them', () => {
    const high = finding({ severity: 'HIGH' });
    const cases: [AwsSecurityFinding[], ExitGate][] = [
      [[high], { failOn: 'HIGH' }],
      [[high], { failOn: 'CRITICAL' }],
      [[suppressed(high)], { failOn: 'LOW' }],
      [[finding({ severity: 'MEDIUM' })], { failOn: 'HIGH' }],
      [[high, incomplete(finding({ resource: 'x', status: 'PASSED' }))], { failOn: 'none' }],
      [[finding({ resource: 'y', status: 'NOT_AVAILABLE' })], { failOn: 'CRITICAL' }],
      [[high], { failOn: 'none', failOnNew: 'HIGH' }],
      [[high], { failOn: 'none', failOnNew: 'CRITICAL' }],
      [[high], { failOn: 'none', failOnNew: 'HIGH', freshFailing: {} }],
      [[high], { failOn: 'none', failOnNew: 'HIGH', freshFailing: { HIGH: 1 } }],
      [[high], { failOn: 'CRITICAL', failOnNew: 'LOW', freshFailing: { HIGH: 1 } }],
      [[], { failOn: 'LOW', failOnNew: 'LOW', freshFailing: {} }],
    ];
    const decisions = new Set<number>();
    for (const [findings, gate] of cases) {
      let reads = 0;
      const counted = { *[Symbol.iterator]() { reads++; yield* findings; } };
      const withCounts = exitCodeOf({ findings: counted, counts: countFindings(findings), errors: 0 }, gate);
      expect(withCounts, JSON.stringify(gate)).toBe(exitCodeOf({ findings, errors: 0 }, gate));
      expect(reads, JSON.stringify(gate)).toBe(0);
      decisions.add(withCounts);
    }
    // The cases reach every decision.
    expect([...decisions].sort()).toEqual([0, 1, 3]);
  });
});

describe('an incomplete result', () => {
  const rule = defineRule({
    id: 'test-incomplete',
    title: 'Test rule',
    securityHubControlId: null,
    severity: 'HIGH',
    cis: {},
    scope: 'region',
    resourceType: 'AwsAccount',
    requiredActions: [],
    remediation: { text: 't', url: 'https://example.com' },
    evaluate: async () => [],
  });
  const ctx = { rule, account: '123456789012', region: 'us-east-1', partition: 'aws', benchmarks: [], observedAt: '2026-11-27T00:00:00.000Z', toolVersion: '0.0.0' };
  const resource = { type: 'AwsAccount', id: 'AWS::::Account:123456789012' };

  it('becomes a valid finding that counts as not evaluated; a complete one carries no mark', () => {
    const marked = toFinding({ ...fail(resource, 'failed, but one read was denied'), incomplete: true }, ctx);
    expect(validateFinding(marked)).toEqual([]);
    expect(marked.ProductFields?.[INCOMPLETE_FIELD]).toBe('true');
    expect(countFindings([marked]).notEvaluated).toBe(1);
    const clean = toFinding(pass(resource, 'ok'), ctx);
    expect(clean.ProductFields?.[INCOMPLETE_FIELD]).toBeUndefined();
    expect(countFindings([clean]).notEvaluated).toBe(0);
  });
});
