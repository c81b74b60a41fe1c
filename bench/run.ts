/**
 * `npm run bench`: seeds moto with a large synthetic account, puts the
 * throttling proxy in front of it, runs a full `hubcheck scan` through it, and
 * reports API calls against the minimum the selected rules need, wall time
 * against the lower bound that latency and rates impose, peak memory, and
 * throttling seen and retried. Prints a table and writes the same as JSON.
 *
 *   npm run bench -- --scale 4 --latency-ms 40 --out bench/results/scale-4.json
 *
 * With `--accounts N` it benches an organization instead (bench/org.ts): N
 * member accounts served by the fake endpoint, scanned through AssumeRole.
 *
 *   npm run bench -- --accounts 250 [--account-concurrency 8] [--organization]
 *
 * With `--shards N` as well, it then scans the same organization as N shards
 * (`--shard i/N`, one after another), merges them with `hubcheck merge`, and
 * checks the merge equals the unsharded run (exit 1 if not).
 *
 *   npm run bench -- --accounts 1000 --shards 4
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { startMoto } from '../src/dev/moto-server.js';
import { PUBLISHED_LIMITS, limitFor } from '../src/data/rate-limits.js';
import type { ScanDocument } from '../src/engine/scan-document.js';
import { NO_ANALYZERS, startProxy } from './proxy.js';
import { BENCH_REGIONS, seedLargeAccount, type Inventory } from './seed.js';
import { minimumCalls, type CallPlan } from './minimum.js';
import { printOrgResult, runOrgBench, writeOrgResult } from './org.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist/src/cli/bin.js');

const USAGE = `usage: npm run bench -- [--scale N] [--latency-ms MS] [--benchmark ID] [--out FILE] [--quiet]
       npm run bench -- --accounts N [--shards N] [--account-concurrency N] [--organization] [--latency-ms MS] [--out FILE] [--quiet]

  --shards N   after the unsharded scan, scan as N shards (--shard i/N), merge them and
               check the merge equals the unsharded run (exit 1 if not)`;

function parseFlags() {
  try {
    return parseArgs({
      options: {
        scale: { type: 'string', default: '1' },
        'latency-ms': { type: 'string', default: '40' },
        benchmark: { type: 'string', default: 'cis-5.0.0' },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        accounts: { type: 'string' },
        'account-concurrency': { type: 'string' },
        organization: { type: 'boolean', default: false },
        shards: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    // A bad flag is one line and the usage, never a stack trace.
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}
const flags = parseFlags();
if (flags.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const scale = Number(flags.scale);
const latencyMs = Number(flags['latency-ms']);
if (!(scale > 0) || !(latencyMs >= 0)) {
  process.stderr.write('bench: --scale must be > 0 and --latency-ms >= 0\n');
  process.exit(2);
}
const log = (line: string) => {
  if (!flags.quiet) process.stderr.write(`bench: ${line}\n`);
};

/** The lower bound on wall time: no bucket can go faster than its rate, no chain of dependent calls faster than its latency. */
export function wallTimeLowerBound(plan: CallPlan, latency: number): { ms: number; rateBoundMs: number; latencyBoundMs: number; bindingBucket: string } {
  const buckets = new Map<string, number>();
  for (const [key, calls] of Object.entries(plan.byBucket)) buckets.set(key, calls);
  let rateBoundMs = 0;
  let bindingBucket = 'latency';
  for (const [key, calls] of buckets) {
    const [bucketKey] = key.split('@');
    const limit = limitFor(bucketKey ?? '')?.limit ?? PUBLISHED_LIMITS[bucketKey ?? ''];
    if (!limit) continue;
    const ms = (Math.max(0, calls - limit.burst) / limit.rate) * 1000;
    if (ms > rateBoundMs) {
      rateBoundMs = ms;
      bindingBucket = key;
    }
  }
  const latencyBoundMs = plan.criticalPathCalls * latency;
  return { ms: Math.max(rateBoundMs, latencyBoundMs), rateBoundMs, latencyBoundMs, bindingBucket };
}

function runScan(proxyUrl: string, outDir: string): Promise<{ code: number; stderr: string; wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        CLI, 'scan', '--benchmark', flags.benchmark ?? 'cis-5.0.0', '--regions', BENCH_REGIONS.join(','), '--output-dir', outDir,
        // A fresh history beside the reports (not inside: the output folder is hubcheck's set, replaced whole): the run pays for history like a cron run, from a clean state.
        '--state', `${outDir}-state.sqlite`, '--fail-on', 'none', '--no-progress',
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          AWS_ENDPOINT_URL: proxyUrl,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr, wallMs: performance.now() - started }),
    );
  });
}

async function main(): Promise<void> {
  const moto = await startMoto();
  if (!moto) throw new Error('moto_server is not on PATH');
  try {
    const seedStart = performance.now();
    const inventory: Inventory = await seedLargeAccount(moto.url, scale, log);
    const seedMs = performance.now() - seedStart;
    log(`seeded in ${(seedMs / 1000).toFixed(1)} s; scanning through a ${latencyMs} ms proxy`);
    const proxy = await startProxy({ target: moto.url, latencyMs, standIns: NO_ANALYZERS });
    const outDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-bench-'));
    const scan = await runScan(proxy.url, outDir);
    await proxy.close();
    if (scan.code !== 0 && scan.code !== 3) throw new Error(`the scan exited ${scan.code}: ${scan.stderr.slice(-2000)}`);
    const document = JSON.parse(await readFile(path.join(outDir, 'scan.json'), 'utf8')) as ScanDocument;

    const plan = minimumCalls(inventory, document.rules.map((r) => r.id));
    const bound = wallTimeLowerBound(plan, latencyMs);
    const lostToThrottling = document.notAvailable.filter((n) => /throttl/i.test(n.reason)).length;
    const result = {
      scale,
      latencyMs,
      benchmark: flags.benchmark,
      inventory,
      seedSeconds: Math.round(seedMs) / 1000,
      scan: {
        exitCode: scan.code,
        wallSeconds: Math.round(scan.wallMs) / 1000,
        /** Reading and judging, from the identity to the last rule (scan.json durationMs). */
        scanPhaseSeconds: document.durationMs / 1000,
        findings: document.counts.total,
        notAvailable: document.counts.byStatus.NOT_AVAILABLE,
        peakRssMb: document.resources?.peakRssMb ?? null,
        /** hubcheck's own CPU time (user + system), from scan.json. */
        cpuSeconds: document.resources ? Math.round(document.resources.cpuUserMs + document.resources.cpuSystemMs) / 1000 : null,
      },
      /** moto's own time per forwarded request, added latency excluded: the backend's share of the wall time. */
      backend: {
        forwardedRequests: proxy.stats.forwarded,
        meanAnswerMs: Math.round((proxy.stats.upstreamMs / Math.max(1, proxy.stats.forwarded)) * 10) / 10,
      },
      apiCalls: {
        total: document.apiCalls.calls,
        minimum: plan.total,
        ratio: Math.round((document.apiCalls.calls / plan.total) * 1000) / 1000,
        byOperation: document.apiCalls.byOperation,
        minimumByOperation: plan.byOperation,
      },
      wallTime: {
        seconds: Math.round(scan.wallMs) / 1000,
        lowerBoundSeconds: Math.round(bound.ms) / 1000,
        ratio: Math.round((scan.wallMs / Math.max(1, bound.ms)) * 1000) / 1000,
        rateBoundSeconds: Math.round(bound.rateBoundMs) / 1000,
        latencyBoundSeconds: Math.round(bound.latencyBoundMs) / 1000,
        bindingBucket: bound.bindingBucket,
      },
      throttling: {
        proxyThrottled: proxy.stats.throttled,
        proxyRequests: proxy.stats.requests,
        throttledByOperation: Object.fromEntries(
          Object.entries(proxy.stats.byOperation)
            .filter(([, s]) => s.throttled > 0)
            .map(([op, s]) => [op, s.throttled]),
        ),
        clientThrottlesSeen: document.apiCalls.throttles,
        clientAttempts: document.apiCalls.attempts,
        resultsLostToThrottling: lostToThrottling,
      },
    };
    const rows: [string, string][] = [
      ['scale', `${scale} (${inventory.users} users, ${inventory.buckets} buckets, ${Object.values(inventory.securityGroupsByRegion).reduce((a, b) => a + b, 0)} security groups, ${Object.values(inventory.kmsKeysByRegion).reduce((a, b) => a + b, 0)} KMS keys)`],
      ['API calls', `${result.apiCalls.total} (minimum ${plan.total}, ratio ${result.apiCalls.ratio})`],
      ['wall time', `${result.wallTime.seconds} s (lower bound ${result.wallTime.lowerBoundSeconds} s, ratio ${result.wallTime.ratio}; bound set by ${bound.bindingBucket})`],
      ['peak RSS', `${result.scan.peakRssMb} MB`],
      ['CPU', `hubcheck ${result.scan.cpuSeconds} s; moto answered in ${result.backend.meanAnswerMs} ms per request on average (latency excluded)`],
      [
        'throttling',
        `${result.throttling.proxyThrottled} throttled responses of ${proxy.stats.requests} (${Object.entries(result.throttling.throttledByOperation).map(([op, n]) => `${op} ${n}`).join(', ') || 'none'}), all retried; ${lostToThrottling} results lost to throttling`,
      ],
      ['findings', `${document.counts.total} (${document.counts.byStatus.NOT_AVAILABLE} NOT_AVAILABLE)`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n\nAPI calls by operation (actual / minimum):\n`);
    for (const op of [...new Set([...Object.keys(document.apiCalls.byOperation), ...Object.keys(plan.byOperation)])].sort()) {
      process.stdout.write(`  ${op.padEnd(48)} ${String(document.apiCalls.byOperation[op] ?? 0).padStart(6)} / ${String(plan.byOperation[op] ?? 0).padStart(6)}\n`);
    }
    const out = flags.out ?? path.join(ROOT, 'bench', 'results', `scale-${scale}.json`);
    await writeFileAtomic(out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\nwritten to ${path.relative(process.cwd(), out)}\n`);
  } finally {
    moto.stop();
  }
}

async function orgMain(): Promise<void> {
  const accounts = Number(flags.accounts);
  const concurrency = flags['account-concurrency'] ? Number(flags['account-concurrency']) : undefined;
  if (!Number.isInteger(accounts) || accounts < 1 || (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))) {
    process.stderr.write('bench: --accounts and --account-concurrency must be positive integers\n');
    process.exit(2);
  }
  const shards = flags.shards === undefined ? undefined : Number(flags.shards);
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 2 && shards <= accounts)) {
    process.stderr.write(`bench: --shards must be an integer from 2 to --accounts (${accounts})\n`);
    process.exit(2);
  }
  const result = await runOrgBench({
    accounts,
    latencyMs,
    benchmark: flags.benchmark ?? 'cis-5.0.0',
    accountConcurrency: concurrency,
    organization: flags.organization ?? false,
    shards,
    cli: CLI,
    log,
  });
  printOrgResult(result, (s) => process.stdout.write(s));
  const out = flags.out ?? path.join(ROOT, 'bench', 'results', `org-${accounts}${concurrency ? `-c${concurrency}` : ''}${shards ? `-shards-${shards}` : ''}.json`);
  await writeOrgResult(result, out);
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), out)}\n`);
  if ('sharding' in result && result.sharding && !result.sharding.equal) process.exitCode = 1;
}

if (flags.shards !== undefined && flags.accounts === undefined) {
  process.stderr.write(`bench: --shards needs --accounts\n${USAGE}\n`);
  process.exit(2);
}
await (flags.accounts === undefined ? main() : orgMain()).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
