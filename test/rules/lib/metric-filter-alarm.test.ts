/**
 * The CloudWatch.x chain (rules/lib/metric-filter-alarm.ts) beyond the family
 * table (test/rules/cloudwatch/metric-filter.table.ts, run by each rule's test):
 * the `metricFilterMatch` parameter, and judging once per account over many Regions.
 * Through CloudWatch.7 (KMS key deletion).
 */
import { describe, expect, it } from 'vitest';
import kmsRule from '../../../rules/cloudwatch/cloudwatch-kms-key-disable-delete-alarm.js';
import { metricFilterAlarmRule } from '../../../rules/lib/metric-filter-alarm.js';
import type { Rule } from '../../../src/engine/rule.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { chainFixture, filter } from '../cloudwatch/chain-fixture.js';
import { broaderThan } from '../cloudwatch/metric-filter.table.js';

const CIS = kmsRule.params.filterPattern;
const withMatch = (metricFilterMatch: string): Rule => ({ ...kmsRule, params: { ...kmsRule.params, metricFilterMatch } });

describe('metricFilterMatch', () => {
  const covers = ruleHarness(withMatch('covers'));

  it("'covers' passes a strictly broader filter, saying that Security Hub may disagree", async () => {
    const { results } = await covers(chainFixture(CIS, { filters: { 'us-east-1/trail-logs': [filter(broaderThan(CIS))] } }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'PASSED', reasonCode: 'METRIC_FILTER_ALARM_CHAIN_COMPLETE', evidence: { exactMatch: false, securityHubTextMatch: false } });
    expect(results[0]?.reason).toContain('The filter is broader than the CIS pattern');
  });

  it("'covers' still fails a narrower filter, and an exact one passes without the note", async () => {
    const narrow = await covers(chainFixture(CIS, { filters: { 'us-east-1/trail-logs': [filter('{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }')] } }));
    expect(narrow.results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDTRAIL_METRIC_FILTER_NOT_VALID' });
    const exact = await covers(chainFixture(CIS));
    expect(exact.results[0]?.status).toBe('PASSED');
    expect(exact.results[0]?.reason).not.toContain('broader');
  });

  it("is 'cis' by default, and an unknown value breaks the rule loudly (NOT_AVAILABLE, RULE_ERROR)", async () => {
    expect(kmsRule.params.metricFilterMatch).toBeUndefined();
    const run = ruleHarness(withMatch('loose'));
    const { results, scan } = await run(chainFixture(CIS), { regions: ['us-east-1', 'eu-west-1'] });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reasonCode: 'RULE_ERROR' })]);
    expect(results[0]?.reason).toContain("parameter metricFilterMatch must be cis or covers, not 'loose'");
    expect(scan.issues).toHaveLength(1);
    // Every read of the chain still happens, so the harness's requiredActions check holds for this file.
    await run(chainFixture(CIS));
  });
});

describe('judged once per account', () => {
  const run = ruleHarness(kmsRule);

  it('is account-scoped, evaluated once over three Regions, each read of the chain made once', async () => {
    expect(metricFilterAlarmRule.scope).toBe('account');
    const { scan, source, results } = await run(chainFixture(CIS), { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] });
    expect(scan.evaluations.map((e) => [e.rule.id, e.region])).toEqual([[kmsRule.id, 'us-east-1']]);
    expect(results).toHaveLength(1);
    const counts: Record<string, number> = {};
    for (const read of source.reads) counts[read.id] = (counts[read.id] ?? 0) + 1;
    expect(counts).toEqual({
      'cloudtrail.trails': 1,
      'cloudtrail.trailStatus': 1,
      'cloudtrail.eventSelectors': 1,
      'logs.metricFilters': 1,
      'cloudwatch.alarms': 1,
      'sns.subscriptions': 1,
    });
  });
});
