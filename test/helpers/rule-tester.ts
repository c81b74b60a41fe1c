/**
 * Rule tests as tables, in the manner of ESLint's RuleTester.
 *
 *   testRule(rule, {
 *     passed: [{ name: 'root has MFA', fixture: {...}, results: { reasonCode: 'ROOT_MFA_ENABLED' } }],
 *     failed: [{ name: '...', fixture: {...}, results: [{ resource: 'arn:...', reasonCode: '...' }] }],
 *     notAvailable: [{ name: '...', fixture: { 'iam.accountSummary': denied('iam:GetAccountSummary') },
 *                      results: { reasonCode: 'ACCESS_DENIED', action: 'iam:GetAccountSummary' } }],
 *   });
 *
 * Each case runs the rule through the real engine (see rule-harness.ts) and
 * asserts every result: its status (the group's, unless the entry says
 * otherwise), resource, reason code, and for NOT_AVAILABLE the action it names.
 * A case fails when its fixture holds a key the rule never read, so a misspelt
 * key cannot pass by turning into a NOT_AVAILABLE of another kind. After the
 * table, every reason code the rule declares must have been reached.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ComplianceStatus, Rule, RuleResult } from '../../src/engine/rule.js';
import type { Fixture } from './fixture-source.js';
import { ruleHarness, type RuleRun, type RunOptions } from './rule-harness.js';

export interface ExpectedResult {
  /** Default: the status of the case's group. */
  status?: ComplianceStatus;
  /** The resource id (an ARN, or `AWS::::Account:<id>`). */
  resource?: string;
  /** The Region the finding belongs to. */
  region?: string;
  reasonCode: string;
  /** A part of the reason, or a pattern it matches. */
  reason?: string | RegExp;
  /** NOT_AVAILABLE: the IAM action the result must name (in its reason and evidence). */
  action?: string;
  evidence?: Record<string, unknown>;
}

export interface RuleCase {
  name: string;
  fixture: Fixture;
  options?: RunOptions;
  /** Exactly these results; order does not matter when every entry names its resource. */
  results: ExpectedResult | ExpectedResult[];
  /** Further assertions on the run (findings, severity, evidence). */
  check?: (run: RuleRun) => void | Promise<void>;
}

export interface RuleCases {
  passed: RuleCase[];
  failed: RuleCase[];
  notAvailable: RuleCase[];
  warning?: RuleCase[];
}

const GROUP_STATUS: Record<keyof RuleCases, ComplianceStatus> = {
  passed: 'PASSED',
  failed: 'FAILED',
  notAvailable: 'NOT_AVAILABLE',
  warning: 'WARNING',
};

/** Codes the engine gives for a read that failed; a rule's own NOT_AVAILABLE codes need no action. */
const READ_FAILURE_CODES = new Set(['ACCESS_DENIED', 'DATA_UNAVAILABLE']);

export function testRule(rule: Rule, cases: RuleCases): void {
  for (const group of ['passed', 'failed', 'notAvailable'] as const) {
    if (cases[group].length === 0) throw new Error(`testRule(${rule.id}): the ${group} table is empty`);
  }
  const run = ruleHarness(rule);
  const reached = new Set<string>();

  describe(`${rule.id}${rule.securityHubControlId ? ` (${rule.securityHubControlId})` : ''}`, () => {
    for (const group of Object.keys(GROUP_STATUS) as (keyof RuleCases)[]) {
      for (const testCase of cases[group] ?? []) {
        it(`${group}: ${testCase.name}`, async () => {
          const outcome = await run(testCase.fixture, testCase.options);
          const unread = Object.keys(testCase.fixture).filter((key) => ![...outcome.source.used].some((a) => a.id === key));
          expect(unread, 'fixture keys the rule never read (misspelt?)').toEqual([]);

          const expected = Array.isArray(testCase.results) ? testCase.results : [testCase.results];
          const actual = ordered(outcome.results, expected);
          expect(actual.length, `number of results: ${describeResults(outcome.results)}`).toBe(expected.length);
          expected.forEach((want, i) => {
            const got = actual[i]!;
            assertResult(got, want, GROUP_STATUS[group], `${rule.id} result ${i}`);
            if (got.reasonCode) reached.add(got.reasonCode);
          });
          expect(
            outcome.results.some((r) => r.status === GROUP_STATUS[group]),
            `a ${group} case yields at least one ${GROUP_STATUS[group]} result`,
          ).toBe(true);
          await testCase.check?.(outcome);
        });
      }
    }

    afterAll(() => {
      const declared = Object.keys(rule.reasonCodes ?? {});
      expect(declared.length, `${rule.id} declares its reasonCodes`).toBeGreaterThan(0);
      expect(declared.filter((code) => !reached.has(code)), `reason codes of ${rule.id} no case reaches`).toEqual([]);
    });
  });
}

function assertResult(got: RuleResult, want: ExpectedResult, groupStatus: ComplianceStatus, label: string): void {
  const status = want.status ?? groupStatus;
  expect({ status: got.status, reasonCode: got.reasonCode }, `${label}: ${got.reason}`).toEqual({ status, reasonCode: want.reasonCode });
  if (want.resource !== undefined) expect(got.resource.id, `${label} resource`).toBe(want.resource);
  if (want.region !== undefined) expect(got.resource.region, `${label} Region`).toBe(want.region);
  if (want.reason instanceof RegExp) expect(got.reason, `${label} reason`).toMatch(want.reason);
  else if (want.reason !== undefined) expect(got.reason, `${label} reason`).toContain(want.reason);
  if (want.evidence) expect(got.evidence, `${label} evidence`).toMatchObject(want.evidence);
  if (status === 'NOT_AVAILABLE' && READ_FAILURE_CODES.has(want.reasonCode)) {
    expect(want.action, `${label}: a NOT_AVAILABLE case names the action it expects`).toBeDefined();
    expect(got.evidence?.action, `${label} action`).toBe(want.action);
    expect(got.reason, `${label} reason names the action`).toContain(want.action);
  }
}

/** The results in the order of the expectations: by resource id and Region when every expectation names its resource. */
function ordered(results: RuleResult[], expected: ExpectedResult[]): RuleResult[] {
  if (!expected.every((e) => e.resource !== undefined)) return results;
  const key = (id: string, region?: string, status?: string) => `${id}\u0000${region ?? ''}\u0000${status ?? ''}`;
  const remaining = [...results];
  const out: RuleResult[] = [];
  for (const want of expected) {
    const index = remaining.findIndex(
      (r) =>
        r.resource.id === want.resource &&
        (want.region === undefined || r.resource.region === want.region) &&
        (want.status === undefined || r.status === want.status),
    );
    if (index >= 0) out.push(...remaining.splice(index, 1));
  }
  // Unmatched results keep their place at the end, so the count check reports them.
  return [...out, ...remaining.sort((a, b) => key(a.resource.id, a.resource.region).localeCompare(key(b.resource.id, b.resource.region)))];
}

function describeResults(results: RuleResult[]): string {
  return results.map((r) => `${r.status} ${r.resource.id} ${r.reasonCode ?? '-'}`).join('; ');
}
