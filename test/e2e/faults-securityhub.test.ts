/**
 * Faults on the way to Security Hub, and hung reads, through the fault proxy in
 * front of moto, with the real CLI:
 * - an empty HTTP 200 from BatchImportFindings is never counted as sent: the
 *   whole batch goes to unsent.asff.json (exit 3), and `hubcheck import` of that
 *   file through the same fault prints FailedCount for every finding (exit 3),
 *   and without the fault imports them all (exit 0);
 * - the push, import and pull obey --call-timeout and --max-attempts: a hung
 *   BatchImportFindings ends the run within the deadline plus 10 s with every
 *   finding spooled; endless 503s stop after --max-attempts;
 * - a scan whose one read hangs forever exits 3 within its deadline plus 10 s,
 *   with that read's rules NOT_AVAILABLE "timed out" (per call and with --timeout).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { builtInRules } from '../../rules/index.js';
import { MOTO_URL, client, describeMoto, resetMoto, runCli } from './moto.js';
import { foundationSeed } from './seeds/foundation.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

const IMPORT = 'securityhub:BatchImportFindings';
const RULES = ['iam-root-mfa-enabled', 'iam-root-access-key-absent', 'iam-password-policy-min-length', 'ec2-ebs-default-encryption-enabled'];
const CALL_TIMEOUT_S = 3;
/** What the issue allows past a deadline: the run must be over within it plus this. */
const GRACE_MS = 10_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  dir: string;
  findings: AwsSecurityFinding[];
  unsent?: AwsSecurityFinding[];
}

async function readJson<T>(file: string): Promise<T | undefined> {
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as T) : undefined;
}

async function hubIds(): Promise<string[]> {
  const page = await client(SecurityHubClient).send(new GetFindingsCommand({ MaxResults: 100 }));
  return (page.Findings ?? []).map((f) => String(f.Id)).sort();
}

describeMoto('faults on the way to Security Hub, and hung reads, end on time and lose nothing', () => {
  let proxy: FaultProxy;

  async function run(args: string[]): Promise<Run> {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-shfault-'));
    const started = Date.now();
    const result = await runCli(
      args[0] === 'scan' ? [...args, '--regions', 'us-east-1', '--output-dir', dir, '--no-progress', '--no-state', '--fail-on', 'none'] : args,
      { url: proxy.url },
    );
    const ms = Date.now() - started;
    const findings = (await readJson<AwsSecurityFinding[]>(path.join(dir, 'findings.asff.json'))) ?? [];
    const unsent = await readJson<AwsSecurityFinding[]>(path.join(dir, 'unsent.asff.json'));
    return { ...result, ms, dir, findings, ...(unsent ? { unsent } : {}) };
  }

  beforeAll(async () => {
    await resetMoto();
    await foundationSeed.seed(MOTO_URL);
    await client(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    proxy = await startFaultProxy(MOTO_URL);
  });
  afterAll(async () => proxy?.close());

  it('an empty 200 from BatchImportFindings leaves the whole batch unsent (exit 3); import reports FailedCount through the fault and imports without it', async () => {
    proxy.set([{ action: IMPORT, fault: 'empty-200' }]);
    const scan = await run(['scan', '--rules', RULES.join(','), '--securityhub']);
    expect(scan.code, scan.stderr).toBe(3);
    expect(proxy.seen.get(IMPORT)?.faulted).toBeGreaterThan(0);
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(scan.unsent?.map((f) => f.Id).sort()).toEqual(scan.findings.map((f) => f.Id).sort());
    expect(scan.stderr).toMatch(/Security Hub us-east-1: sent 0, failed \d+/);
    // (moto did import them: the answer was lost on the way back. hubcheck cannot know that, so it
    // keeps them to send again; a second import of the same Ids only updates them.)

    const unsentFile = path.join(scan.dir, 'unsent.asff.json');
    const faulty = await run(['import', unsentFile]);
    expect(faulty.code, faulty.stderr).toBe(3);
    const answer = JSON.parse(faulty.stdout) as { FailedCount: number; SuccessCount: number; FailedFindings: { Id: string; ErrorCode: string }[] };
    expect(answer).toMatchObject({ FailedCount: scan.findings.length, SuccessCount: 0 });
    expect(answer.FailedFindings.map((f) => f.Id).sort()).toEqual(scan.findings.map((f) => f.Id).sort());
    expect(new Set(answer.FailedFindings.map((f) => f.ErrorCode))).toEqual(new Set(['MalformedResponse']));

    proxy.set([]);
    const clean = await run(['import', unsentFile]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ FailedCount: 0, SuccessCount: scan.findings.length });
    expect(await hubIds()).toEqual(scan.findings.map((f) => String(f.Id)).sort());
  });

  it('a BatchImportFindings that never answers ends the push at --call-timeout: on time, everything spooled, exit 3', async () => {
    proxy.set([{ action: IMPORT, fault: 'hang' }]);
    const hung = await run(['scan', '--rules', RULES.join(','), '--securityhub', '--call-timeout', String(CALL_TIMEOUT_S)]);
    expect(hung.code, hung.stderr).toBe(3);
    expect(hung.ms).toBeLessThan(CALL_TIMEOUT_S * 1000 + GRACE_MS);
    expect(hung.unsent?.map((f) => f.Id).sort()).toEqual(hung.findings.map((f) => f.Id).sort());
    expect(hung.stderr).toMatch(/Security Hub us-east-1: sent 0, failed \d+/);
  });

  it('endless 503s from BatchImportFindings stop after --max-attempts, everything spooled', async () => {
    proxy.set([{ action: IMPORT, fault: 'http-503' }]);
    const failing = await run(['scan', '--rules', RULES.join(','), '--securityhub', '--max-attempts', '2']);
    expect(failing.code, failing.stderr).toBe(3);
    expect(proxy.seen.get(IMPORT)?.requests).toBe(2);
    expect(failing.unsent?.length).toBe(failing.findings.length);
  });

  it('import and pull obey --call-timeout too', async () => {
    proxy.set([]);
    const scan = await run(['scan', '--rules', RULES.join(',')]);
    proxy.set([{ action: IMPORT, fault: 'hang' }]);
    const imported = await run(['import', path.join(scan.dir, 'findings.asff.json'), '--call-timeout', String(CALL_TIMEOUT_S)]);
    expect(imported.code, imported.stderr).toBe(3);
    expect(imported.ms).toBeLessThan(CALL_TIMEOUT_S * 1000 + GRACE_MS);
    expect(JSON.parse(imported.stdout)).toMatchObject({ FailedCount: scan.findings.length, SuccessCount: 0 });

    proxy.set([{ action: 'securityhub:GetFindings', fault: 'hang' }]);
    const out = path.join(scan.dir, 'pulled.asff.json');
    const pulled = await run(['pull', '--regions', 'us-east-1', '--output', out, '--call-timeout', String(CALL_TIMEOUT_S)]);
    expect(pulled.code, pulled.stderr).toBe(3);
    expect(pulled.ms).toBeLessThan(CALL_TIMEOUT_S * 1000 + GRACE_MS);
    expect(pulled.stderr).toMatch(/pull failed/);
    expect(existsSync(out)).toBe(false);
  });

  it('a scan whose one read hangs forever exits 3 within its deadline plus 10 s, that read\'s rules NOT_AVAILABLE "timed out"', async () => {
    const action = 'iam:GetAccountSummary';
    const needing = new Set(builtInRules.filter((r) => r.requiredActions.includes(action)).map((r) => r.id));
    const check = (r: Run, deadlineS: number) => {
      expect(r.code, r.stderr).toBe(3);
      expect(r.ms).toBeLessThan(deadlineS * 1000 + GRACE_MS);
      const judged = r.findings.filter((f) => needing.has(String(f.ProductFields?.['hubcheck/RuleId'])));
      expect(judged.length).toBeGreaterThan(0);
      for (const f of judged) {
        expect(f.Compliance?.Status).toBe('NOT_AVAILABLE');
        expect(f.Description).toMatch(/timed out/);
      }
      // The other rules were judged as usual.
      expect(r.findings.some((f) => !needing.has(String(f.ProductFields?.['hubcheck/RuleId'])) && f.Compliance?.Status !== 'NOT_AVAILABLE')).toBe(true);
    };
    proxy.set([{ action, fault: 'hang' }]);
    check(await run(['scan', '--rules', RULES.join(','), '--call-timeout', String(CALL_TIMEOUT_S)]), CALL_TIMEOUT_S);
    // The scan's own deadline ends a call that its per-call budget (default 60 s) would still allow.
    const TIMEOUT_S = 5;
    check(await run(['scan', '--rules', RULES.join(','), '--timeout', String(TIMEOUT_S)]), TIMEOUT_S);
  });
});
