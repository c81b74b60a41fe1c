/** The evaluation tally: what scan.json and coverage read of the evaluations, folded one account at a time in any order. */
import { describe, expect, it } from 'vitest';
import { EvaluationTally } from '../../src/engine/evaluation-tally.js';
import type { AccountScan } from '../../src/engine/scan.js';
import { accountResource, defineRule, fail, notAvailable, pass, type RuleResult } from '../../src/engine/rule.js';

const rule = (id: string) =>
  defineRule({
    id,
    title: id,
    securityHubControlId: null,
    severity: 'LOW',
    cis: {},
    scope: 'region',
    resourceType: 'AwsAccount',
    requiredActions: [],
    remediation: { text: 't', url: 'https://example.com' },
    evaluate: async () => [],
  });
const a = rule('a-rule');
const b = rule('b-rule');
const scanOf = (account: string, evaluations: [ReturnType<typeof rule>, string, RuleResult[], number][]) =>
  ({
    identity: { account },
    issues: [],
    evaluations: evaluations.map(([r, region, results, durationMs]) => ({ rule: r, account, region, partition: 'aws', durationMs, results })),
  }) as unknown as AccountScan;

describe('EvaluationTally', () => {
  it('sums each rule over the accounts, and lists what was not evaluated in account order whatever order they ended in', () => {
    const tally = new EvaluationTally();
    tally.add(
      scanOf('222222222222', [
        [a, 'eu-west-1', [notAvailable(accountResource('222222222222'), 'denied a')], 5],
        [b, 'us-east-1', [fail(accountResource('222222222222'), 'x'), notAvailable(accountResource('222222222222'), 'denied b')], 7],
      ]),
    );
    tally.add(scanOf('111111111111', [[a, 'us-east-1', [pass(accountResource('111111111111'), 'ok'), notAvailable(accountResource('111111111111'), 'denied')], 3]]));
    expect(tally.rule('a-rule')).toEqual({ evaluations: 2, durationMs: 8, results: { PASSED: 1, FAILED: 0, WARNING: 0, NOT_AVAILABLE: 2 } });
    expect(tally.rule('b-rule')).toEqual({ evaluations: 1, durationMs: 7, results: { PASSED: 0, FAILED: 1, WARNING: 0, NOT_AVAILABLE: 1 } });
    expect(tally.rule('never-ran')).toEqual({ evaluations: 0, durationMs: 0, results: { PASSED: 0, FAILED: 0, WARNING: 0, NOT_AVAILABLE: 0 } });
    expect(tally.notAvailable.map((n) => [n.account, n.rule, n.region, n.reason])).toEqual([
      ['111111111111', 'a-rule', 'us-east-1', 'denied'],
      ['222222222222', 'a-rule', 'eu-west-1', 'denied a'],
      ['222222222222', 'b-rule', 'us-east-1', 'denied b'],
    ]);
    expect(tally.coverage.covers('a-rule', '111111111111', 'us-east-1')).toBe(false);
    expect(tally.coverage.covers('b-rule', '222222222222', 'us-east-1')).toBe(false);
  });
});
