/** computeDelta edge cases: what does not count as resolved, and which evaluations are clean. */
import { describe, expect, it } from 'vitest';
import { CoverageTally, coverageOf, type Coverage } from '../../src/domain/completeness.js';
import { computeDelta, recordOf, type FindingRecord } from '../../src/history/delta.js';
import type { AccountScan } from '../../src/engine/scan.js';
import { accountResource, defineRule, fail, notAvailable, pass, type RuleResult } from '../../src/engine/rule.js';
import { finding } from '../helpers/findings.js';

const NOW = '2026-11-27T00:00:00.000Z';
const NOTHING: Coverage = { covers: () => false };
const rule = (id: string, scope: 'account' | 'region') =>
  defineRule({
    id,
    title: id,
    securityHubControlId: null,
    severity: 'LOW',
    cis: {},
    scope,
    resourceType: 'AwsAccount',
    requiredActions: [],
    remediation: { text: 't', url: 'https://example.com' },
    evaluate: async () => [],
  });
/** One account's scan with one evaluation per [rule, Region, results]. */
const scanOf = (evaluations: [ReturnType<typeof rule>, string, RuleResult[]][], account = '123456789012') =>
  ({
    identity: { account },
    issues: [],
    evaluations: evaluations.map(([r, region, results]) => ({ rule: r, account, region, partition: 'aws', durationMs: 0, results })),
  }) as unknown as AccountScan;
const open = (spec: Parameters<typeof finding>[0]): FindingRecord => ({
  ...recordOf(finding(spec)),
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-20T00:00:00.000Z',
  state: 'open',
});

describe('computeDelta', () => {
  it('does not resolve a failing finding that turns WARNING or NOT_AVAILABLE: its state is unknown', () => {
    const a = open({ resource: 'a' });
    const b = open({ resource: 'b' });
    const previous = new Map([a, b].map((r) => [r.id, r]));
    const result = computeDelta(previous, [finding({ resource: 'a', status: 'WARNING' }), finding({ resource: 'b', status: 'NOT_AVAILABLE' })], NOTHING, NOW);
    expect(result.resolved).toEqual([]);
    expect(result.records.map((r) => [r.status, r.state])).toEqual([
      ['WARNING', 'open'],
      ['NOT_AVAILABLE', 'open'],
    ]);
    expect(result.events.map((e) => e.kind)).toEqual(['status', 'status']);
  });

  it('resolves a gone account-wide finding when its rule ran cleanly in any Region of the account', () => {
    const gone = open({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', scope: 'account', resource: 'u', region: 'eu-west-1' });
    const previous = new Map([[gone.id, gone]]);
    const mfa = rule('iam-user-console-mfa-enabled', 'account');
    const denied = coverageOf([scanOf([[mfa, 'us-east-1', [notAvailable(accountResource('123456789012'), 'denied')]]])]);
    expect(computeDelta(previous, [], denied, NOW).resolved).toEqual([]);
    const clean = coverageOf([scanOf([[mfa, 'us-east-1', [pass(accountResource('123456789012'), 'ok')]]])]);
    const resolved = computeDelta(previous, [], clean, NOW).resolved;
    expect(resolved.map((r) => [r.id, r.now])).toEqual([[gone.id, 'GONE']]);
  });

  it('does not resolve a gone finding of another account', () => {
    const other = open({ resource: 'x', account: '999999999999' });
    const coverage = coverageOf([scanOf([[rule('ec2-default-sg-closed', 'region'), 'us-east-1', []]])]);
    const result = computeDelta(new Map([[other.id, other]]), [], coverage, NOW);
    expect(result.resolved).toEqual([]);
    expect(result.records).toEqual([]);
  });
});

describe('coverageOf (the completeness the history resolves by)', () => {
  it('covers evaluations whose results were all evaluated, and account-wide rules in every Region', () => {
    const incomplete: RuleResult = { ...fail(accountResource('1'), 'x'), incomplete: true };
    const coverage = coverageOf([
      scanOf(
        [
          [rule('r-clean', 'region'), 'us-east-1', [fail(accountResource('1'), 'x')]],
          [rule('r-broken', 'region'), 'us-east-1', [notAvailable(accountResource('1'), 'denied')]],
          [rule('r-partial', 'region'), 'us-east-1', [incomplete]],
          [rule('r-account', 'account'), 'us-east-1', []],
        ],
        '1',
      ),
    ]);
    expect(coverage.covers('r-clean', '1', 'us-east-1')).toBe(true);
    expect(coverage.covers('r-clean', '1', 'eu-west-1')).toBe(false);
    expect(coverage.covers('r-broken', '1', 'us-east-1')).toBe(false);
    expect(coverage.covers('r-partial', '1', 'us-east-1')).toBe(false);
    expect(coverage.covers('r-account', '1', 'eu-west-1')).toBe(true);
  });
});

describe('CoverageTally (coverage built one account at a time)', () => {
  const clean = rule('r-clean', 'region');
  const wide = rule('r-account', 'account');
  const evaluated = (account: string) => [pass(accountResource(account), 'ok')];

  it('keeps each account its own coverage when accounts scanned alike share one record', () => {
    const tally = new CoverageTally();
    tally.add(scanOf([[clean, 'us-east-1', evaluated('1')], [clean, 'eu-west-1', evaluated('1')]], '1'));
    tally.add(scanOf([[clean, 'us-east-1', evaluated('2')], [clean, 'eu-west-1', evaluated('2')]], '2'));
    tally.add(scanOf([[clean, 'us-east-1', evaluated('3')], [clean, 'eu-west-1', [notAvailable(accountResource('3'), 'denied')]]], '3'));
    expect(['1', '2', '3'].map((a) => [tally.covers('r-clean', a, 'us-east-1'), tally.covers('r-clean', a, 'eu-west-1')])).toEqual([
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(tally.covers('r-clean', '4', 'us-east-1')).toBe(false);
    expect(tally.covers('r-other', '1', 'us-east-1')).toBe(false);
  });

  it('covers nothing of an account given twice: which of its scans is current is unknown', () => {
    const tally = new CoverageTally();
    tally.add(scanOf([[wide, 'us-east-1', evaluated('1')]], '1'));
    tally.add(scanOf([[wide, 'us-east-1', evaluated('2')]], '2'));
    expect(tally.covers('r-account', '1', 'eu-west-1')).toBe(true);
    tally.add(scanOf([[wide, 'us-east-1', evaluated('1')]], '1'));
    expect(tally.covers('r-account', '1', 'eu-west-1')).toBe(false);
    expect(tally.covers('r-account', '2', 'eu-west-1')).toBe(true);
  });
});
