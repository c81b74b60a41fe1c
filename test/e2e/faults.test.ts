/**
 * The fault-injection matrix: a scan through a proxy that breaks moto's answers
 * (fault-proxy.ts), per operation and for every operation at once, checked
 * against the clean run. Invariants, for every case:
 * - the run ends within its deadline;
 * - no rule that needs the faulted operation (its requiredActions) is PASSED or FAILED;
 * - every other finding is the same as in the clean run;
 * - the exit code is 3 when something was not evaluated.
 *
 * `npm test` runs the reduced matrix: each operation the clean scan used gets one fault
 * (cycling through the fault types), and each fault is applied to every operation at
 * once. `npm run faults` (HUBCHECK_FAULTS=full) runs every (operation x fault) pair.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { builtInRules } from '../../rules/index.js';
import { describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';
import { foundationSeed } from './seeds/foundation.js';
import { FAULTS, startFaultProxy, type Fault, type FaultProxy } from './fault-proxy.js';

const CALL_TIMEOUT_S = 2;
/** A scan of one Region with a few hung calls in a row still ends well within this. */
const RUN_DEADLINE_MS = 60_000;
const FULL = process.env.HUBCHECK_FAULTS === 'full';

/** The IAM action behind a proxy-classified operation (REST and S3 ones are named by method and path). */
const REST_ACTIONS: Record<string, string> = {
  's3:GET': 's3:ListAllMyBuckets',
  's3:GET?max-buckets': 's3:ListAllMyBuckets',
  's3:GET?location': 's3:GetBucketLocation',
  's3:GET?policy': 's3:GetBucketPolicy',
  's3:GET?policyStatus': 's3:GetBucketPolicyStatus',
  's3:GET?publicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GET?acl': 's3:GetBucketAcl',
  's3:GET?versioning': 's3:GetBucketVersioning',
  's3:GET?lifecycle': 's3:GetLifecycleConfiguration',
  's3:GET?encryption': 's3:GetEncryptionConfiguration',
  's3:GET?logging': 's3:GetBucketLogging',
  's3control:GET': 's3:GetAccountPublicAccessBlock',
};
function actionOf(operation: string): string | undefined {
  if (REST_ACTIONS[operation]) return REST_ACTIONS[operation];
  return /^[a-z0-9-]+:[A-Z][A-Za-z]+$/.test(operation) ? operation : undefined;
}

/** Without these the scan cannot start at all: it stops with exit 3 and one line. */
const FATAL = new Set(['sts:GetCallerIdentity', 'ec2:DescribeRegions']);

interface Run {
  code: number;
  stderr: string;
  ms: number;
  findings: AwsSecurityFinding[];
}

const ruleOf = (f: AwsSecurityFinding) => String(f.ProductFields?.['hubcheck/RuleId'] ?? '');

describeMoto('fault injection: a scan fails closed on every bad answer', () => {
  let proxy: FaultProxy;
  let clean: Run;
  let operations: string[] = [];
  const rules = foundationSeed.rules;

  async function scan(): Promise<Run> {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-faults-'));
    const started = Date.now();
    const result = await runCli(
      ['scan', '--regions', 'us-east-1', '--rules', rules.join(','), '--output-dir', dir, '--no-progress', '--no-state',
        '--call-timeout', String(CALL_TIMEOUT_S), '--max-attempts', '2'],
      { url: proxy.url },
    );
    const file = path.join(dir, 'findings.asff.json');
    const findings = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as AwsSecurityFinding[]) : [];
    return { code: result.code, stderr: result.stderr, ms: Date.now() - started, findings };
  }

  beforeAll(async () => {
    await resetMoto();
    await foundationSeed.seed(MOTO_URL);
    proxy = await startFaultProxy(MOTO_URL);
    proxy.set([]);
    clean = await scan();
    operations = [...proxy.seen.keys()].sort();
  });
  afterAll(async () => proxy?.close());

  function checkInvariants(run: Run, operation: string, fault: Fault): void {
    const label = `${fault} on ${operation}`;
    expect(run.ms, label).toBeLessThan(RUN_DEADLINE_MS);
    expect(run.stderr, label).not.toMatch(/Unexpected token|Deserialization error|at .*\.js:\d+/);
    const action = operation === '*' ? undefined : actionOf(operation);
    if (operation === '*' || FATAL.has(operation)) {
      expect(run.code, label).toBe(3);
      expect(run.findings.filter((f) => f.Compliance?.Status !== 'NOT_AVAILABLE'), label).toEqual([]);
      return;
    }
    const needs = (rule: string) => {
      const found = builtInRules.find((r) => r.id === rule);
      return action === undefined || !found || found.requiredActions.includes(action);
    };
    for (const finding of run.findings) {
      if (needs(ruleOf(finding))) {
        expect(['NOT_AVAILABLE', 'WARNING'], `${label}: ${ruleOf(finding)} ${finding.Compliance?.Status}`).toContain(finding.Compliance?.Status);
      }
    }
    const byId = (list: AwsSecurityFinding[]) =>
      Object.fromEntries(list.filter((f) => !needs(ruleOf(f))).map((f) => [f.Id, f.Compliance?.Status]));
    expect(byId(run.findings), label).toEqual(byId(clean.findings));
    const incomplete = run.findings.some((f) => f.Compliance?.Status === 'NOT_AVAILABLE');
    if (incomplete) expect(run.code, label).toBe(3);
  }

  it('the clean run through the proxy is complete', () => {
    expect(clean.code, clean.stderr).toBe(1);
    expect(clean.findings.length).toBeGreaterThan(0);
    expect(clean.findings.filter((f) => f.Compliance?.Status === 'NOT_AVAILABLE')).toEqual([]);
    expect(operations).toContain('sts:GetCallerIdentity');
  });

  it('each fault on every operation at once: exit 3, nothing judged, on time', async () => {
    for (const fault of FAULTS) {
      proxy.set([{ operation: '*', fault }]);
      checkInvariants(await scan(), '*', fault);
    }
  }, 600_000);

  it(`each operation the scan uses under ${FULL ? 'every fault' : 'one fault'}: its rules NOT_AVAILABLE, the rest unchanged`, async () => {
    let combinations = 0;
    let index = 0;
    for (const operation of operations) {
      const faults = FULL ? FAULTS : [FAULTS[index++ % FAULTS.length] as Fault];
      for (const fault of faults) {
        proxy.set([{ operation, fault }]);
        checkInvariants(await scan(), operation, fault);
        combinations++;
      }
    }
    console.log(`fault matrix: ${combinations} (operation x fault) combinations over ${operations.length} operations, plus ${FAULTS.length} all-operation faults`);
    expect(combinations).toBeGreaterThanOrEqual(operations.length);
  }, FULL ? 3_600_000 : 900_000);
});
