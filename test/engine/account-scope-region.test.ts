/**
 * An account-scoped rule that names the Region of its finding (as the
 * metric-filter family does, in the home Region of the trail it judges): it runs
 * once, in the scan's home Region, and its finding is routed (Id, ProductArn,
 * Resources.Region), counted (scan document) and "evaluated cleanly" in the
 * Region it names, for Security Hub archiving and for history.
 */
import { describe, expect, it } from 'vitest';
import { buildScanDocument } from '../../src/engine/scan-document.js';
import { EvaluationTally } from '../../src/engine/evaluation-tally.js';
import { accountResource, defineRule, notAvailable, pass, type RuleResult } from '../../src/engine/rule.js';
import { coverageOf } from '../../src/domain/completeness.js';
import { computeDelta, recordOf, type FindingRecord } from '../../src/history/delta.js';
import { TEST_ACCOUNT } from '../helpers/fixture-source.js';
import { ruleHarness } from '../helpers/rule-harness.js';

const REGIONS = { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] };

function reportingIn(region: string, make: (r: string) => RuleResult) {
  return defineRule({
    id: 'test-account-rule-elsewhere',
    title: 'An account-scoped rule reporting in a chosen Region',
    securityHubControlId: null,
    severity: 'LOW',
    cis: { '5.0.0': '9.9' },
    scope: 'account',
    resourceType: 'AwsAccount',
    requiredActions: [],
    remediation: { text: 'n/a', url: 'https://example.com/' },
    evaluate: async () => [make(region)],
  });
}

describe('an account-scoped rule reporting in eu-west-1', () => {
  const rule = reportingIn('eu-west-1', (r) => pass(accountResource(TEST_ACCOUNT, r), 'judged once'));
  const run = ruleHarness(rule);

  it('runs once, in the home Region, and routes its finding to eu-west-1', async () => {
    const { scan, findings } = await run({}, REGIONS);
    expect(scan.evaluations.map((e) => e.region)).toEqual(['us-east-1']);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.Id).toMatch(new RegExp(`^hubcheck/${rule.id}/${TEST_ACCOUNT}/eu-west-1/`));
    expect(findings[0]?.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${TEST_ACCOUNT}:product/${TEST_ACCOUNT}/default`);
    expect(findings[0]?.Resources?.[0]?.Region).toBe('eu-west-1');
  });

  it('is covered in eu-west-1 (and every Region) for archiving when its evaluation was clean', async () => {
    const { scan } = await run({}, REGIONS);
    const coverage = coverageOf([scan]);
    for (const region of REGIONS.regions) expect(coverage.covers(rule.id, TEST_ACCOUNT, region), region).toBe(true);
  });

  it('lets history resolve a stale finding of the rule in eu-west-1, the evaluation being clean', async () => {
    const { scan, findings } = await run({}, REGIONS);
    const current = recordOf(findings[0]!);
    expect(current).toMatchObject({ region: 'eu-west-1', scope: 'account' });
    const stale: FindingRecord = { ...current, id: `${current.id}-old`, status: 'FAILED', state: 'open', firstSeen: 'x', lastSeen: 'x' };
    const delta = computeDelta(new Map([[stale.id, stale]]), findings, coverageOf([scan]), 'now');
    expect(delta.resolved.map((r) => r.id)).toEqual([stale.id]);
  });
});

describe('an account-scoped rule that could not judge, reporting in eu-west-1', () => {
  const rule = reportingIn('eu-west-1', (r) => notAvailable(accountResource(TEST_ACCOUNT, r), 'Missing permission x:Y (AccessDenied)'));
  const run = ruleHarness(rule);

  it('is covered nowhere, and is counted as not available in eu-west-1', async () => {
    const { scan } = await run({}, REGIONS);
    const coverage = coverageOf([scan]);
    for (const region of REGIONS.regions) expect(coverage.covers(rule.id, TEST_ACCOUNT, region), region).toBe(false);
    const document = buildScanDocument({
      version: 'test',
      mode: 'live',
      startedAt: scan.startedAt,
      finishedAt: scan.startedAt,
      durationMs: 0,
      benchmarks: ['5.0.0'],
      homeRegion: 'us-east-1',
      rules: [rule],
      scans: [scan],
      tally: EvaluationTally.of([scan]),
      apiCalls: { calls: 0, attempts: 0, throttles: 0, byOperation: {}, byScope: {} },
    });
    expect(document.notAvailable).toEqual([expect.objectContaining({ rule: rule.id, region: 'eu-west-1' })]);
    const errors = Object.fromEntries((document.accounts[0]?.regionDetails ?? []).map((r) => [r.region, r.errors]));
    expect(errors).toEqual({ 'ap-southeast-2': 0, 'eu-west-1': 1, 'us-east-1': 0 });
  });
});
