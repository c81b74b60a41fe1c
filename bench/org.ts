/**
 * `npm run bench -- --accounts N`: an organization of N member accounts of one
 * shape served by the fake endpoint (bench/fake/), scanned by the built CLI as
 * a user would (`hubcheck scan --accounts … --role-name …`, or `--organization`).
 * Prints accounts per minute, API calls per account against the minimum
 * model, peak RSS against --account-concurrency, throttling, hubcheck's CPU per
 * API call, and the fixed costs: process start to the first AWS request, and
 * the last answer to the process exit. Writes the same as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import type { ScanDocument } from '../src/engine/scan-document.js';
import { minimumCalls } from './minimum.js';
import { BENCH_REGIONS, ORG_ACCOUNT_SHAPE, inventoryOf } from './seed.js';
import { MANAGEMENT_ACCOUNT, memberIds, startFake } from './fake/server.js';

export interface OrgBenchOptions {
  accounts: number;
  latencyMs: number;
  benchmark: string;
  accountConcurrency?: number;
  organization: boolean;
  /** Scan only this shard (`i/n`) of the account list. */
  shard?: string;
  cli: string;
  outDir?: string;
  log: (line: string) => void;
}

export interface ScanRun {
  code: number;
  stderrTail: string;
  startedAt: number;
  exitedAt: number;
  /** Sampled from /proc while it ran: the process's high-water mark and CPU time. */
  peakRssMb: number;
  cpuSeconds: number;
}

const epochMs = () => performance.timeOrigin + performance.now();
const CLOCK_TICKS = 100;

function sample(pid: number): { hwmKb: number; cpuTicks: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { hwmKb: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // exited
  }
}

/** Runs the built CLI with the fake's endpoint and the caller's (management account's) keys. */
export function runCli(cli: string, args: string[], endpoint: string): Promise<ScanRun> {
  return new Promise((resolve) => {
    const startedAt = epochMs();
    const child = spawn(process.execPath, [cli, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIAFAKEMANAGEMENT00',
        AWS_SECRET_ACCESS_KEY: 'fake',
        AWS_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let tail = '';
    child.stderr.on('data', (c: Buffer) => {
      tail = (tail + c.toString()).slice(-4000);
    });
    let last = { hwmKb: 0, cpuTicks: 0 };
    const timer = setInterval(() => {
      const s = child.pid ? sample(child.pid) : undefined;
      // The high-water mark only grows while the process lives; an exiting process reports less.
      if (s) last = { hwmKb: Math.max(last.hwmKb, s.hwmKb), cpuTicks: Math.max(last.cpuTicks, s.cpuTicks) };
    }, 100);
    child.on('exit', (code) => {
      const exitedAt = epochMs();
      clearInterval(timer);
      resolve({ code: code ?? 1, stderrTail: tail, startedAt, exitedAt, peakRssMb: Math.round(last.hwmKb / 102.4) / 10, cpuSeconds: last.cpuTicks / CLOCK_TICKS });
    });
  });
}

export async function runOrgBench(o: OrgBenchOptions) {
  const members = memberIds(o.accounts);
  const fake = await startFake({ shape: ORG_ACCOUNT_SHAPE, members, management: MANAGEMENT_ACCOUNT, latencyMs: o.latencyMs });
  const work = await mkdtemp(path.join(tmpdir(), 'hubcheck-orgbench-'));
  const outDir = o.outDir ?? path.join(work, 'out');
  const args = [
    'scan', '--benchmark', o.benchmark, '--regions', BENCH_REGIONS.join(','), '--output-dir', outDir,
    '--state', path.join(work, 'state.sqlite'), '--fail-on', 'none', '--no-progress', '--role-name', 'hubcheck-audit',
    ...(o.organization ? ['--organization'] : ['--accounts', members.join(',')]),
    ...(o.accountConcurrency ? ['--account-concurrency', String(o.accountConcurrency)] : []),
    ...(o.shard ? ['--shard', o.shard] : []),
  ];
  o.log(`scanning ${o.accounts} accounts through the fake endpoint (${o.latencyMs} ms latency)`);
  const load = loadavg()[0] ?? 0;
  const run = await runCli(o.cli, args, fake.url);
  await fake.close();
  if (Object.keys(fake.stats.unknown).length > 0) {
    throw new Error(`the fake endpoint cannot answer ${Object.entries(fake.stats.unknown).map(([op, n]) => `${op} (${n}x)`).join(', ')}: add them to bench/fake/answers.ts`);
  }
  if (run.code !== 0 && run.code !== 3) throw new Error(`the scan exited ${run.code}: ${run.stderrTail}`);
  const document = JSON.parse(await readFile(path.join(outDir, 'scan.json'), 'utf8')) as ScanDocument;
  if (!o.outDir) await rm(work, { recursive: true, force: true });

  const scanned = document.accounts.length;
  const plan = minimumCalls(inventoryOf(ORG_ACCOUNT_SHAPE), document.rules.map((r) => r.id));
  const perAccount = [...fake.stats.byAccount.entries()].filter(([id]) => id !== MANAGEMENT_ACCOUNT).map(([, n]) => n);
  const callerCalls = fake.stats.byAccount.get(MANAGEMENT_ACCOUNT) ?? 0;
  const wallSeconds = (run.exitedAt - run.startedAt) / 1000;
  const lostToThrottling = document.notAvailable.filter((n) => /throttl/i.test(n.reason)).length;
  const cpuSeconds = Math.max(run.cpuSeconds, document.resources ? (document.resources.cpuUserMs + document.resources.cpuSystemMs) / 1000 : 0);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const result = {
    accounts: o.accounts,
    scannedAccounts: scanned,
    shape: ORG_ACCOUNT_SHAPE,
    regions: BENCH_REGIONS,
    latencyMs: o.latencyMs,
    benchmark: o.benchmark,
    mode: o.organization ? '--organization' : '--accounts',
    machine: { cpus: cpus().length, loadAverageAtStart: Math.round(load * 100) / 100, loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    exitCode: run.code,
    wallSeconds: r3(wallSeconds),
    accountsPerMinute: Math.round((scanned / wallSeconds) * 60 * 10) / 10,
    accountConcurrency: o.accountConcurrency ?? (document as { accountConcurrency?: { value: number } }).accountConcurrency?.value ?? 'default',
    peakRssMb: Math.max(run.peakRssMb, document.resources?.peakRssMb ?? 0),
    apiCalls: {
      /** hubcheck's own count (scan.json). */
      total: document.apiCalls.calls,
      perAccount: r3(document.apiCalls.calls / Math.max(1, scanned)),
      minimumPerAccount: plan.total,
      /** Requests the fake answered per member account (AssumeRole excluded, throttled attempts included). */
      fakeRequestsPerAccount: perAccount.length > 0 ? { min: Math.min(...perAccount), max: Math.max(...perAccount) } : null,
      /** Requests made with the caller's own credentials: its identity, ListAccounts, one AssumeRole per account. */
      callerRequests: callerCalls,
    },
    throttling: {
      throttledResponses: fake.stats.throttled,
      requests: fake.stats.requests,
      clientThrottlesSeen: document.apiCalls.throttles,
      resultsLostToThrottling: lostToThrottling,
    },
    cpu: {
      hubcheckSeconds: r3(cpuSeconds),
      msPerApiCall: r3((cpuSeconds * 1000) / Math.max(1, document.apiCalls.calls)),
    },
    fixedCost: {
      startToFirstRequestSeconds: fake.stats.firstRequestAt ? r3((fake.stats.firstRequestAt - run.startedAt) / 1000) : null,
      lastAnswerToExitSeconds: fake.stats.lastAnswerAt ? r3((run.exitedAt - fake.stats.lastAnswerAt) / 1000) : null,
    },
    findings: document.counts.total,
    notAvailable: document.counts.byStatus.NOT_AVAILABLE,
  };
  return result;
}

export function printOrgResult(r: Awaited<ReturnType<typeof runOrgBench>>, write: (s: string) => void): void {
  const x = r;
  const rows: [string, string][] = [
    ['accounts', `${x.scannedAccounts} scanned of ${x.accounts}`],
    ['wall time', `${x.wallSeconds} s: ${x.accountsPerMinute} accounts per minute`],
    ['API calls', `${x.apiCalls.perAccount} per account (minimum ${x.apiCalls.minimumPerAccount}); ${x.apiCalls.total} in all, + ${x.apiCalls.callerRequests} with the caller's credentials`],
    ['peak RSS', `${x.peakRssMb} MB at --account-concurrency ${x.accountConcurrency}`],
    ['throttling', `${x.throttling.throttledResponses} throttled responses of ${x.throttling.requests}, all retried; ${x.throttling.resultsLostToThrottling} results lost to throttling`],
    ['CPU', `hubcheck ${x.cpu.hubcheckSeconds} s, ${x.cpu.msPerApiCall} ms per API call`],
    ['fixed cost', `start to first AWS request ${x.fixedCost.startToFirstRequestSeconds} s; last answer to exit ${x.fixedCost.lastAnswerToExitSeconds} s`],
    ['machine', `${x.machine.cpus} cores, load average ${x.machine.loadAverageAtStart} at start, ${x.machine.loadAverageAtEnd} at end`],
    ['findings', `${x.findings} (${x.notAvailable} NOT_AVAILABLE)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

export async function writeOrgResult(result: object, out: string): Promise<void> {
  await writeFileAtomic(out, `${JSON.stringify(result, null, 2)}\n`);
}
