/** The evaluation tally: what scan.json and coverage read of the evaluations, folded one account at a time in any order. */
import { describe, expect, it } from 'vitest';
import { EvaluationTally } from '../../src/engine/evaluation-tally.js';
import { accountResource, fail, notAvailable, pass } from '../../src/engine/rule.js';
import { accountScan, evaluation, testRule } from '../helpers/securityhub.js';

const a = testRule('a-rule');
const b = testRule('b-rule');
const [one, two] = ['111111111111', '222222222222'];

describe('EvaluationTally', () => {
  it('sums each rule over the accounts, and lists what was not evaluated in account order whatever order they ended in', () => {
    const tally = new EvaluationTally();
    tally.add(
      accountScan([
        evaluation(a, 'eu-west-1', [notAvailable(accountResource(two), 'denied a')], two),
        evaluation(b, 'us-east-1', [fail(accountResource(two), 'x'), notAvailable(accountResource(two), 'denied b')], two),
      ]),
    );
    tally.add(accountScan([evaluation(a, 'us-east-1', [pass(accountResource(one), 'ok'), notAvailable(accountResource(one), 'denied')], one)]));
    // Each evaluation of the helper takes 1 ms.
    expect(tally.rule('a-rule')).toEqual({ evaluations: 2, durationMs: 2, results: { PASSED: 1, FAILED: 0, WARNING: 0, NOT_AVAILABLE: 2 } });
    expect(tally.rule('b-rule')).toEqual({ evaluations: 1, durationMs: 1, results: { PASSED: 0, FAILED: 1, WARNING: 0, NOT_AVAILABLE: 1 } });
    expect(tally.rule('never-ran')).toEqual({ evaluations: 0, durationMs: 0, results: { PASSED: 0, FAILED: 0, WARNING: 0, NOT_AVAILABLE: 0 } });
    expect(tally.notAvailable.map((n) => [n.account, n.rule, n.region, n.reason])).toEqual([
      [one, 'a-rule', 'us-east-1', 'denied'],
      [two, 'a-rule', 'eu-west-1', 'denied a'],
      [two, 'b-rule', 'us-east-1', 'denied b'],
    ]);
    expect(tally.coverage.covers('a-rule', one, 'us-east-1')).toBe(false);
    expect(tally.coverage.covers('b-rule', two, 'us-east-1')).toBe(false);
  });
});
