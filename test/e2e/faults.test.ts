/**
 * The fault-injection matrix: scans through a proxy that breaks moto's answers
 * (fault-proxy.ts), checked against a clean run of the same account (every
 * family's seed, every built-in rule, one Region).
 *
 * The actions faulted are the rules' declared read actions (the registry), plus
 * the two reads every scan makes first (the caller's identity and the Region
 * list): a new rule's reads are faulted without a change here, and the test
 * fails when one of them is never made against the seeded account.
 *
 * Invariants, checked per faulted action:
 * - the run ends within its deadline;
 * - no finding of a rule that declares the action is evaluated (PASSED,
 *   FAILED, or a WARNING that is a real verdict), unless the fault was retried
 *   away and the finding is the clean run's;
 * - every finding of the rules that declare no faulted action is the clean run's;
 * - the exit code is 3 whenever a finding was not evaluated;
 * - the fault really reached the action (the proxy counts it).
 *
 * Actions whose rules are disjoint share a scan (a fault on one cannot keep
 * another from being called, and each one's rules are told apart), so a few
 * scans cover them all. `npm test` runs the reduced matrix: every action gets
 * one fault (cycling through the fault types), every fault is applied to every
 * action at once, and transient faults at a rate are applied everywhere.
 * `npm run faults` (HUBCHECK_FAULTS=full) runs every (action x fault) pair and
 * prints how many it ran. Nothing is lost on the way to Security Hub:
 * faults-securityhub.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { builtInRules } from '../../rules/index.js';
import { isEvaluated, ruleIdOf, verdictOf } from '../../src/domain/status.js';
import { describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';
import { foundationSeed } from './seeds/foundation.js';
import { iamSeed } from './seeds/iam.js';
import { loggingSeed } from './seeds/logging.js';
import { networkSeed } from './seeds/network.js';
import { storageSeed } from './seeds/storage.js';
import { v7SeedIn } from './seeds/v7.js';
import { FAULTS, RETRIED, startFaultProxy, type Fault, type FaultProxy, type FaultRule } from './fault-proxy.js';

const CALL_TIMEOUT_S = 2;
/** A scan of one Region with a few hung calls in a row still ends well within this. */
const RUN_DEADLINE_MS = 60_000;
const FULL = process.env.HUBCHECK_FAULTS === 'full';
const SEEDS = [foundationSeed, iamSeed, storageSeed, loggingSeed, networkSeed, v7SeedIn('us-east-1')];
const ALL_RULES = builtInRules.map((r) => r.id);

/**
 * Read before any rule runs. Without the caller's identity the scan stops (exit 3,
 * one line, nothing judged); without the Region list it scans the home Region
 * only and says so (exit 3).
 */
const IDENTITY = 'sts:GetCallerIdentity';
const REGION_LIST = 'ec2:DescribeRegions';
const FATAL = [IDENTITY, REGION_LIST];
/** A scan that lists the Regions (no --regions) needs only one cheap rule to reach DescribeRegions. */
const FATAL_RULES = ['iam-root-mfa-enabled'];

/**
 * Declared reads the seeded moto account cannot make a rule call, and why. The
 * test fails if one of them is called after all (then remove it from here).
 */
const NOT_REACHED_IN_MOTO: Record<string, string> = {
  'iam:ListVirtualMFADevices': 'read only when the root user has MFA, and moto hard-codes root MFA off (spec/moto.md section 6)',
};

/**
 * Reads whose empty HTTP 200 is an answer AWS really gives (src/data/s3.ts): a
 * bucket never versioned, logging off, a bucket in us-east-1; and SQS ListQueues,
 * whose JSON answer for a Region without queues has no field at all (the SDK
 * reads an empty body as that same `{}`; src/data/sqs.ts). An empty body there
 * cannot be told from a lost one, so under `empty-200` their rules may judge on
 * it; every other invariant still holds.
 */
const EMPTY_IS_AN_ANSWER = new Set(['s3:GetBucketVersioning', 's3:GetBucketLogging', 's3:GetBucketLocation', 'sqs:ListQueues']);

/** Rule ids by the read action they declare. */
const rulesByAction = new Map<string, Set<string>>();
for (const rule of builtInRules) {
  for (const action of rule.requiredActions) rulesByAction.set(action, (rulesByAction.get(action) ?? new Set()).add(rule.id));
}
const RULE_ACTIONS = [...rulesByAction.keys()].filter((a) => !(a in NOT_REACHED_IN_MOTO)).sort();

/**
 * Actions in groups whose rules are disjoint: faulting them together tells each
 * one's effect apart, and no fault keeps another from being reached (a rule's
 * reads are all in its requiredActions). Largest rule sets first.
 */
function disjointGroups(actions: readonly string[]): string[][] {
  const groups: { actions: string[]; rules: Set<string> }[] = [];
  const bySize = [...actions].sort((a, b) => (rulesByAction.get(b)?.size ?? 0) - (rulesByAction.get(a)?.size ?? 0) || a.localeCompare(b));
  for (const action of bySize) {
    const rules = rulesByAction.get(action) ?? new Set<string>();
    let group = groups.find((g) => [...rules].every((r) => !g.rules.has(r)));
    if (!group) groups.push((group = { actions: [], rules: new Set() }));
    group.actions.push(action);
    for (const r of rules) group.rules.add(r);
  }
  return groups.map((g) => g.actions);
}

/** What a finding says: status, reason code and text (compared with the clean run's). */
function verdictText(f: AwsSecurityFinding): string {
  return `${f.Compliance?.Status} ${f.Compliance?.StatusReasons?.[0]?.ReasonCode ?? ''} ${f.Description ?? ''}`;
}

interface Run {
  code: number;
  stderr: string;
  ms: number;
  findings: AwsSecurityFinding[];
  /** Faulted requests per action. */
  faulted: Map<string, number>;
}

describeMoto('fault injection: a scan fails closed on every bad answer', () => {
  let proxy: FaultProxy;
  let clean: Run;
  /** Each clean finding's verdict: status, reason code and text. */
  let cleanVerdict: Map<string, string>;

  async function scan(faults: FaultRule[], options: { rules?: string[]; regions?: boolean; maxAttempts?: number } = {}): Promise<Run> {
    proxy.set(faults);
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-faults-'));
    const started = Date.now();
    const result = await runCli(
      [
        'scan',
        ...(options.regions === false ? [] : ['--regions', 'us-east-1']),
        '--rules',
        (options.rules ?? ALL_RULES).join(','),
        '--output-dir',
        dir,
        '--no-progress',
        '--no-state',
        '--call-timeout',
        String(CALL_TIMEOUT_S),
        '--max-attempts',
        String(options.maxAttempts ?? 2),
      ],
      { url: proxy.url },
    );
    const ms = Date.now() - started;
    const file = path.join(dir, 'findings.asff.json');
    const findings = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as AwsSecurityFinding[]) : [];
    const faulted = new Map([...proxy.seen].map(([action, count]) => [action, count.faulted]));
    return { code: result.code, stderr: result.stderr, ms, findings, faulted };
  }

  beforeAll(async () => {
    await resetMoto();
    for (const seed of SEEDS) await seed.seed(MOTO_URL);
    proxy = await startFaultProxy(MOTO_URL);
    clean = await scan([]);
    cleanVerdict = new Map(clean.findings.map((f) => [String(f.Id), verdictText(f)]));
  });
  afterAll(async () => proxy?.close());

  /**
   * The invariants for one scan in which `actions` were faulted. Each of them must
   * have been reached, unless another fault of the scan may have kept it from being
   * called (`reached: false`); `retriedAway`: the faults were at a rate, so a retry
   * may have got the real answer.
   */
  function checkInvariants(
    run: Run,
    actions: readonly string[],
    label: string,
    { reached = true, retriedAway = false, answered = [] as readonly string[] } = {},
  ): void {
    expect(run.ms, label).toBeLessThan(RUN_DEADLINE_MS);
    expect(run.stderr, label).not.toMatch(/Unexpected token|Deserialization error|at .*\.js:\d+/);
    if (reached) for (const action of actions) expect(run.faulted.get(action) ?? 0, `${label}: ${action} was never faulted\n${run.stderr}`).toBeGreaterThan(0);
    else expect([...run.faulted.values()].some((n) => n > 0), `${label}: nothing was faulted`).toBe(true);
    const affected = new Set(actions.flatMap((a) => [...(rulesByAction.get(a) ?? [])]));
    // `answered`: faulted actions whose broken answer is also a real one (EMPTY_IS_AN_ANSWER); their rules may judge on it.
    const believed = new Set(answered.flatMap((a) => [...(rulesByAction.get(a) ?? [])]));
    for (const finding of run.findings) {
      const verdict = verdictOf(finding);
      const where = `${label}: ${verdict.ruleId} ${finding.Resources?.[0]?.Id ?? ''}`;
      if (believed.has(ruleIdOf(finding))) continue;
      if (!affected.has(ruleIdOf(finding))) {
        expect(verdictText(finding), `${where} differs from the clean run`).toBe(cleanVerdict.get(String(finding.Id)));
      } else if (isEvaluated(verdict)) {
        // A rule reads what it needs per resource and may judge one without the faulted read (a metric
        // filter that already fails before the alarms are read): then its verdict, reason and text
        // are exactly the clean run's. A verdict resting on the broken answer would differ.
        expect(verdictText(finding), `${where} is ${verdict.status} although it needs a faulted read`).toBe(cleanVerdict.get(String(finding.Id)));
      }
    }
    // Each fault that was not retried away left some finding of its rules unevaluated.
    if (reached && !retriedAway) {
      for (const action of actions.filter((a) => !answered.includes(a))) {
        const rules = rulesByAction.get(action) ?? new Set();
        const hit = run.findings.some((f) => rules.has(ruleIdOf(f)) && !isEvaluated(verdictOf(f)));
        expect(hit, `${label}: no finding of the rules reading ${action} was left unevaluated`).toBe(true);
      }
    }
    // Nothing lost: every clean finding of an unaffected rule is still there.
    const ids = new Set(run.findings.map((f) => f.Id));
    const lost = clean.findings.filter((f) => !affected.has(ruleIdOf(f)) && !ids.has(f.Id)).map((f) => `${ruleIdOf(f)} ${f.Resources?.[0]?.Id}`);
    expect(lost, `${label}: findings missing`).toEqual([]);
    if (run.findings.some((f) => !isEvaluated(verdictOf(f)))) expect(run.code, label).toBe(3);
    if (!retriedAway && answered.length < actions.length) {
      expect(run.findings.some((f) => !isEvaluated(verdictOf(f))), `${label}: nothing was left unevaluated`).toBe(true);
    }
  }

  /**
   * A fault on a read made before the rules, exit 3 either way: without the
   * identity nothing is judged; without the Region list the home Region is
   * scanned as in the clean run, and the run names the read it missed.
   */
  function checkFatal(run: Run, action: string, label: string): void {
    expect(run.ms, label).toBeLessThan(RUN_DEADLINE_MS);
    expect(run.faulted.get(action) ?? 0, `${label}: never faulted`).toBeGreaterThan(0);
    expect(run.code, `${label}\n${run.stderr}`).toBe(3);
    expect(run.stderr, label).not.toMatch(/Unexpected token|Deserialization error|at .*\.js:\d+/);
    if (action === IDENTITY) {
      expect(run.findings.filter((f) => isEvaluated(verdictOf(f))), label).toEqual([]);
      return;
    }
    expect(run.findings.length, label).toBeGreaterThan(0);
    for (const f of run.findings) expect(verdictText(f), `${label}: ${ruleIdOf(f)}`).toBe(cleanVerdict.get(String(f.Id)));
    expect(run.stderr, label).toContain(action);
  }

  it('the clean run through the proxy is complete and makes every read the rules declare', () => {
    expect(clean.code, clean.stderr).toBe(1);
    expect(clean.findings.length).toBeGreaterThan(0);
    expect(clean.findings.filter((f) => !isEvaluated(verdictOf(f))).map((f) => `${ruleIdOf(f)}: ${f.Description}`)).toEqual([]);
    // Every declared read reaches the proxy (else its fault would test nothing: seed what makes a rule call it).
    expect(RULE_ACTIONS.filter((a) => !clean.faulted.has(a))).toEqual([]);
    expect(Object.keys(NOT_REACHED_IN_MOTO).filter((a) => clean.faulted.has(a))).toEqual([]);
    // Every request is named by an action (else a REST service lacks its SDK module in request-action.ts).
    expect([...clean.faulted.keys()].filter((a) => a.startsWith('?'))).toEqual([]);
  });

  it('each fault on every action at once (past the caller identity and the Region list): nothing judged, exit 3, on time', async () => {
    for (const fault of FAULTS) {
      const run = await scan([{ action: '*', except: FATAL, fault }]);
      checkInvariants(run, RULE_ACTIONS, `${fault} on every action`, { reached: false });
      expect(run.findings.filter((f) => isEvaluated(verdictOf(f))).map((f) => `${fault}: ${ruleIdOf(f)}`)).toEqual([]);
    }
  }, 900_000);

  it('transient faults on every action at a rate are retried away or leave the finding NOT_AVAILABLE, never a wrong verdict', async () => {
    const faults: FaultRule[] = [...RETRIED].map((fault) => ({ action: '*', except: FATAL, fault, rate: 0.1 }));
    checkInvariants(await scan(faults, { maxAttempts: 4 }), RULE_ACTIONS, 'transient faults at 10% on every action', { reached: false, retriedAway: true });
  }, 300_000);

  it(`the reads made before any rule, under ${FULL ? 'every fault' : 'one fault each'}: the scan stops with exit 3`, async () => {
    let index = 0;
    for (const action of FATAL) {
      for (const fault of FULL ? FAULTS : [FAULTS[index++ % FAULTS.length] as Fault]) {
        checkFatal(await scan([{ action, fault }], { rules: FATAL_RULES, regions: false }), action, `${fault} on ${action}`);
      }
    }
  }, FULL ? 3_600_000 : 300_000);

  it(`every action the rules declare under ${FULL ? 'every fault' : 'one fault'}: its rules not evaluated, the rest unchanged`, async () => {
    // Actions with disjoint rules share a scan. Reduced: each action gets one fault, cycling through them;
    // full: each group gets every fault in turn, so every (action x fault) pair is run.
    const groups = disjointGroups(RULE_ACTIONS);
    const faultOf = new Map(RULE_ACTIONS.map((a, i) => [a, FAULTS[i % FAULTS.length] as Fault]));
    const plans: FaultRule[][] = FULL
      ? FAULTS.flatMap((fault) => groups.map((group) => group.map((action) => ({ action, fault }))))
      : groups.map((group) => group.map((action) => ({ action, fault: faultOf.get(action) as Fault })));
    const pairs = new Set<string>();
    for (const faults of plans) {
      const answered = faults.filter((f) => f.fault === 'empty-200' && EMPTY_IS_AN_ANSWER.has(f.action)).map((f) => f.action);
      checkInvariants(await scan(faults), faults.map((f) => f.action), faults.map((f) => `${f.fault} on ${f.action}`).join(', '), { answered });
      for (const f of faults) pairs.add(`${f.action} ${f.fault}`);
    }
    const fatal = FULL ? FATAL.length * FAULTS.length : FATAL.length;
    console.log(
      `fault matrix: ${pairs.size} (action x fault) combinations over ${RULE_ACTIONS.length} actions in ${plans.length} scans, ` +
        `plus ${fatal} on the reads before the rules and ${FAULTS.length} with every action faulted at once`,
    );
    expect(pairs.size).toBe(FULL ? RULE_ACTIONS.length * FAULTS.length : RULE_ACTIONS.length);
  }, FULL ? 7_200_000 : 900_000);
});
