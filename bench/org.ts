/**
 * `npm run bench -- --accounts N`: an organization of N member accounts of one
 * shape served by the fake endpoint (bench/fake/), scanned by the built CLI as
 * a user would (`hubcheck scan --accounts … --role-name …`, or `--organization`).
 * Prints accounts per minute, API calls per account against the minimum
 * model, peak RSS against --account-concurrency, throttling, hubcheck's CPU per
 * API call, and the fixed costs: process start to the first AWS request, and
 * the last answer to the process exit. Writes the same as JSON.
 *
 * With `--shards N` it then proves sharding: the N shard scans (`--shard i/N`,
 * one after another, against the same fake endpoint, each with its own output
 * folder and its own fresh state file, as N fresh workers would have), then
 * `hubcheck merge` of the shard folders, then a comparison of the merged
 * findings.asff.json with the unsharded one, both read a line at a time: the
 * sorted `Id Compliance.Status Severity.Label` of every finding, and in
 * scan.json the counts, the account ids and the per-rule results. It prints
 * each shard's and the merge's wall time and peak RSS, and whether they are
 * equal (the first differences if not); the bench exits non-zero if not.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
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
  /** After the unsharded scan, scan it again as this many shards, merge them and compare. */
  shards?: number;
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
        // Passed on so the scan can be profiled (e.g. --require a profiler script); nothing else of the caller's environment is.
        ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
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
  const scanArgs = (out: string, state: string, shard: string | undefined) => [
    'scan', '--benchmark', o.benchmark, '--regions', BENCH_REGIONS.join(','), '--output-dir', out,
    '--state', state, '--fail-on', 'none', '--no-progress', '--role-name', 'hubcheck-audit',
    ...(o.organization ? ['--organization'] : ['--accounts', members.join(',')]),
    ...(o.accountConcurrency ? ['--account-concurrency', String(o.accountConcurrency)] : []),
    ...(shard ? ['--shard', shard] : []),
  ];
  const args = scanArgs(outDir, path.join(work, 'state.sqlite'), o.shard);
  o.log(`scanning ${o.accounts} accounts through the fake endpoint (${o.latencyMs} ms latency)`);
  const load = loadavg()[0] ?? 0;
  let closed: Promise<void> | undefined;
  const closeFake = () => (closed ??= fake.close());
  let run: ScanRun;
  try {
    run = await runCli(o.cli, args, fake.url);
    if (run.code !== 0 && run.code !== 3) throw new Error(`the scan exited ${run.code}: ${run.stderrTail}`);
  } catch (error) {
    await closeFake();
    throw error;
  }
  const unknownOperations = () => {
    if (Object.keys(fake.stats.unknown).length > 0) {
      throw new Error(`the fake endpoint cannot answer ${Object.entries(fake.stats.unknown).map(([op, n]) => `${op} (${n}x)`).join(', ')}: add them to bench/fake/answers.ts`);
    }
  };
  // The shards are scanned against the same endpoint: it stays up for them.
  if (!o.shards) await closeFake();
  try {
    unknownOperations();
  } catch (error) {
    await closeFake();
    throw error;
  }
  const document = JSON.parse(await readFile(path.join(outDir, 'scan.json'), 'utf8')) as ScanDocument;

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
      /** Split of the above at the scan's end (scan.json's finishedAt: every account evaluated, its findings spooled). */
      lastAnswerToScanEndSeconds: fake.stats.lastAnswerAt ? r3((Date.parse(document.finishedAt) - fake.stats.lastAnswerAt) / 1000) : null,
      /** Scan end to exit: suppressions, history, every output file, the summary. */
      outputPhaseSeconds: r3((run.exitedAt - Date.parse(document.finishedAt)) / 1000),
    },
    findings: document.counts.total,
    notAvailable: document.counts.byStatus.NOT_AVAILABLE,
  };
  // The figures above are the unsharded run's: the fake's counters are read before the shards add to them.
  let sharding: ShardingResult | undefined;
  try {
    if (o.shards) {
      const n = o.shards;
      // A fresh state file per shard: each shard's history is that of a fresh run, as the unsharded one's is.
      sharding = await shardAndMerge(o, n, (i) => scanArgs(path.join(work, `shard-${i}`), path.join(work, `state-shard-${i}.sqlite`), `${i}/${n}`), work, outDir, fake.url);
      unknownOperations();
    }
  } finally {
    await closeFake();
    if (!o.outDir) await rm(work, { recursive: true, force: true });
  }
  return { ...result, ...(sharding ? { sharding } : {}) };
}

export interface ShardingResult {
  shards: number;
  /** Each shard scan, in order. */
  shardRuns: { shard: string; accounts: number; findings: number; exitCode: number; wallSeconds: number; peakRssMb: number }[];
  merge: { exitCode: number; wallSeconds: number; peakRssMb: number };
  /** The merged shards against the unsharded run. */
  equal: boolean;
  findingsCompared: { unsharded: number; merged: number };
  /** The first differences, empty when equal. */
  differences: string[];
}

/** The N shard scans one after another, their merge, and the comparison with the unsharded output in `whole`. */
async function shardAndMerge(o: OrgBenchOptions, n: number, shardArgs: (i: number) => string[], work: string, whole: string, endpoint: string): Promise<ShardingResult> {
  const seconds = (r: ScanRun) => Math.round(r.exitedAt - r.startedAt) / 1000;
  const shardRuns: ShardingResult['shardRuns'] = [];
  const dirs: string[] = [];
  for (let i = 1; i <= n; i++) {
    o.log(`scanning shard ${i}/${n}`);
    const run = await runCli(o.cli, shardArgs(i), endpoint);
    if (run.code !== 0 && run.code !== 3) throw new Error(`shard ${i}/${n} exited ${run.code}: ${run.stderrTail}`);
    const dir = path.join(work, `shard-${i}`);
    dirs.push(dir);
    const doc = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8')) as ScanDocument;
    shardRuns.push({ shard: `${i}/${n}`, accounts: doc.accounts.length, findings: doc.counts.total, exitCode: run.code, wallSeconds: seconds(run), peakRssMb: run.peakRssMb });
  }
  o.log(`merging ${n} shards`);
  const mergedDir = path.join(work, 'merged');
  const merge = await runCli(o.cli, ['merge', ...dirs, '--output-dir', mergedDir], endpoint);
  if (merge.code !== 0 && merge.code !== 3) throw new Error(`hubcheck merge exited ${merge.code}: ${merge.stderrTail}`);
  o.log('comparing the merged shards with the unsharded run');
  const comparison = await compareRuns(whole, mergedDir);
  return {
    shards: n,
    shardRuns,
    merge: { exitCode: merge.code, wallSeconds: seconds(merge), peakRssMb: merge.peakRssMb },
    ...comparison,
  };
}

/** `Id Status Severity` of every finding of a findings.asff.json in hubcheck's layout, read a line at a time, sorted. */
async function essence(file: string): Promise<string[]> {
  const out: string[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '[' || line === ']' || line === '[]' || line === '') continue;
    const f = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as { Id?: string; Compliance?: { Status?: string }; Severity?: { Label?: string } };
    out.push(`${f.Id} ${f.Compliance?.Status} ${f.Severity?.Label}`);
  }
  return out.sort();
}

/** The merged output against the unsharded one: findings (by their essence), counts, account ids, per-rule results. */
export async function compareRuns(wholeDir: string, mergedDir: string): Promise<Pick<ShardingResult, 'equal' | 'findingsCompared' | 'differences'>> {
  const differences: string[] = [];
  const MAX = 10;
  const differ = (line: string) => {
    if (differences.length < MAX) differences.push(line);
  };
  const w = await essence(path.join(wholeDir, 'findings.asff.json'));
  const m = await essence(path.join(mergedDir, 'findings.asff.json'));
  // Walk both sorted lists: what only one of them holds.
  let onlyWhole = 0;
  let onlyMerged = 0;
  for (let i = 0, j = 0; i < w.length || j < m.length; ) {
    if (j >= m.length || (i < w.length && w[i]! < m[j]!)) {
      if (onlyWhole++ < 5) differ(`finding only in the unsharded run: ${w[i]}`);
      i++;
    } else if (i >= w.length || m[j]! < w[i]!) {
      if (onlyMerged++ < 5) differ(`finding only in the merged shards: ${m[j]}`);
      j++;
    } else {
      i++;
      j++;
    }
  }
  if (onlyWhole + onlyMerged > 0) differ(`${onlyWhole} findings only in the unsharded run, ${onlyMerged} only in the merged shards`);
  const docs = await Promise.all([wholeDir, mergedDir].map(async (dir) => JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8')) as ScanDocument));
  const [wd, md] = docs as [ScanDocument, ScanDocument];
  if (JSON.stringify(wd.counts) !== JSON.stringify(md.counts)) differ(`scan.json counts: unsharded ${JSON.stringify(wd.counts)}, merged ${JSON.stringify(md.counts)}`);
  const ids = (d: ScanDocument) => d.accounts.map((a) => a.id).join(',');
  if (ids(wd) !== ids(md)) differ(`scan.json accounts: unsharded ${wd.accounts.length} (${ids(wd).slice(0, 200)}), merged ${md.accounts.length} (${ids(md).slice(0, 200)})`);
  const rules = (d: ScanDocument) => new Map(d.rules.map((r) => [r.id, JSON.stringify(r.results)]));
  const [wr, mr] = [rules(wd), rules(md)];
  for (const id of [...new Set([...wr.keys(), ...mr.keys()])].sort()) {
    if (wr.get(id) !== mr.get(id)) differ(`rule ${id} results: unsharded ${wr.get(id) ?? 'absent'}, merged ${mr.get(id) ?? 'absent'}`);
  }
  return { equal: differences.length === 0, findingsCompared: { unsharded: w.length, merged: m.length }, differences };
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
    [
      'fixed cost',
      `start to first AWS request ${x.fixedCost.startToFirstRequestSeconds} s; last answer to exit ${x.fixedCost.lastAnswerToExitSeconds} s ` +
        `(${x.fixedCost.lastAnswerToScanEndSeconds} s to the scan's end, then ${x.fixedCost.outputPhaseSeconds} s of history, reports and summary)`,
    ],
    ['machine', `${x.machine.cpus} cores, load average ${x.machine.loadAverageAtStart} at start, ${x.machine.loadAverageAtEnd} at end`],
    ['findings', `${x.findings} (${x.notAvailable} NOT_AVAILABLE)`],
  ];
  const sharding = 'sharding' in x ? x.sharding : undefined;
  if (sharding) {
    for (const s of sharding.shardRuns) rows.push([`shard ${s.shard}`, `${s.wallSeconds} s, peak RSS ${s.peakRssMb} MB: ${s.accounts} accounts, ${s.findings} findings (exit ${s.exitCode})`]);
    rows.push(['merge', `${sharding.merge.wallSeconds} s, peak RSS ${sharding.merge.peakRssMb} MB (exit ${sharding.merge.exitCode})`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  if (sharding) {
    write(`\nmerged shards equal the unsharded run: ${sharding.equal ? 'yes' : 'no'} (${sharding.findingsCompared.merged} findings merged, ${sharding.findingsCompared.unsharded} unsharded)\n`);
    for (const d of sharding.differences) write(`  ${d}\n`);
  }
}

export async function writeOrgResult(result: object, out: string): Promise<void> {
  await writeFileAtomic(out, `${JSON.stringify(result, null, 2)}\n`);
}
