/**
 * The record of one hubcheck run that scan.json holds: accounts, Regions, rules
 * run, errors, API calls per operation and durations.
 */
import type { ApiStatsSnapshot } from '../data/api-stats.js';
import { benchmarkName, type BenchmarkVersion } from './benchmarks.js';
import type { EvaluationTally } from './evaluation-tally.js';
import type { ScanIssue, ScannedAccount } from './scan.js';
import type { FindingCounts } from '../domain/counts.js';
import type { ParityRecord } from '../domain/parity.js';
import type { ComplianceStatus, Rule, Severity } from './rule.js';

export type { FindingCounts } from '../domain/counts.js';

/** An account that could not be scanned at all (its role could not be assumed, its identity not read). */
export interface AccountFailure {
  account: string;
  roleArn?: string;
  code: string;
  message: string;
}

export interface RegionSummary {
  region: string;
  durationMs: number;
  calls: number;
  attempts: number;
  throttles: number;
  /** NOT_AVAILABLE results and scan issues in this Region. */
  errors: number;
}

export interface AccountSummary {
  id: string;
  status: 'scanned' | 'failed';
  partition?: string;
  arn?: string;
  regions: string[];
  startedAt?: string;
  durationMs: number;
  apiCalls: { calls: number; attempts: number; throttles: number };
  /** Per Region: duration, API calls, throttles, errors. */
  regionDetails: RegionSummary[];
  error?: AccountFailure;
}

export interface ScanDocument {
  tool: { name: 'hubcheck'; version: string };
  mode: 'live' | 'replay';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  benchmarks: string[];
  homeRegion: string;
  regions: string[];
  accounts: AccountSummary[];
  rules: {
    id: string;
    securityHubControlId: string | null;
    severity: Severity;
    scope: Rule['scope'];
    evaluations: number;
    durationMs: number;
    results: Record<ComplianceStatus, number>;
  }[];
  /** Counts of the findings as written (suppressions applied): see src/domain/counts.ts. */
  counts: FindingCounts;
  errors: ScanIssue[];
  /** Every result that was not evaluated (NOT_AVAILABLE, or resting on a failed read), with why. */
  notAvailable: { rule: string; account: string; region: string; resource: string; reason: string }[];
  apiCalls: ApiStatsSnapshot;
  /** With `scan --parity`: hubcheck's verdicts beside Security Hub's own control findings. */
  parity?: ParityRecord;
  /** The process's peak resident memory and CPU time when the scan finished. */
  resources?: { peakRssMb: number; cpuUserMs: number; cpuSystemMs: number };
  /** Accounts scanned at once: --account-concurrency, or the default chosen from the machine (and how). */
  accountConcurrency?: { value: number; source: 'flag' | 'default'; basis?: string };
}

/** Peak RSS and CPU time of this process so far (for scan.json and the benchmarks). */
export function processResources(): NonNullable<ScanDocument['resources']> {
  const usage = process.resourceUsage();
  return {
    peakRssMb: Math.round((usage.maxRSS / 1024) * 10) / 10,
    cpuUserMs: Math.round(usage.userCPUTime / 1000),
    cpuSystemMs: Math.round(usage.systemCPUTime / 1000),
  };
}

/**
 * The scan document as the evaluation leaves it: everything but the counts, which
 * are taken over the findings as written (suppressions applied) by the pipeline.
 */
export type ScanDraft = Omit<ScanDocument, 'counts'>;

export function buildScanDocument(input: {
  version: string;
  mode: ScanDocument['mode'];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  benchmarks: readonly BenchmarkVersion[];
  homeRegion: string;
  rules: readonly Rule[];
  scans: readonly ScannedAccount[];
  /** The scans' evaluations, folded in as each account ended. */
  tally: EvaluationTally;
  failures?: readonly AccountFailure[];
  apiCalls: ApiStatsSnapshot;
  accountConcurrency?: ScanDocument['accountConcurrency'];
}): ScanDraft {
  const rules = input.rules.map((rule) => {
    const tally = input.tally.rule(rule.id);
    return {
      id: rule.id,
      securityHubControlId: rule.securityHubControlId,
      severity: rule.severity,
      scope: rule.scope,
      evaluations: tally.evaluations,
      durationMs: tally.durationMs,
      results: { ...tally.results },
    };
  });
  const notAvailable = input.tally.notAvailable;
  // Not-evaluated results per account and Region, counted once (not searched again for every Region of every account).
  const notAvailableAt = new Map<string, number>();
  for (const n of notAvailable) notAvailableAt.set(`${n.account}/${n.region}`, (notAvailableAt.get(`${n.account}/${n.region}`) ?? 0) + 1);
  const failures = input.failures ?? [];
  const errors: ScanIssue[] = [
    ...failures.map((f): ScanIssue => ({ kind: 'account', account: f.account, region: input.homeRegion, code: f.code, message: f.message })),
    ...input.scans.flatMap((s) => s.issues),
  ];
  const scanned = input.scans.map((s): AccountSummary => {
    const account = s.identity.account;
    const regionDetails = [...new Set([...s.regions, s.homeRegion])].sort().map((region): RegionSummary => {
      const calls = input.apiCalls.byScope[`${account}/${region}`];
      return {
        region,
        durationMs: s.regionDurations[region] ?? 0,
        calls: calls?.calls ?? 0,
        attempts: calls?.attempts ?? 0,
        throttles: calls?.throttles ?? 0,
        errors:
          (notAvailableAt.get(`${account}/${region}`) ?? 0) +
          s.issues.filter((i) => i.region === region && i.kind !== 'data-unavailable' && i.kind !== 'rule-error').length,
      };
    });
    return {
      id: account,
      status: 'scanned',
      partition: s.identity.partition,
      arn: s.identity.arn,
      regions: s.regions,
      startedAt: s.startedAt,
      durationMs: s.durationMs,
      apiCalls: {
        calls: regionDetails.reduce((sum, r) => sum + r.calls, 0),
        attempts: regionDetails.reduce((sum, r) => sum + r.attempts, 0),
        throttles: regionDetails.reduce((sum, r) => sum + r.throttles, 0),
      },
      regionDetails,
    };
  });
  const failed = failures.map(
    (f): AccountSummary => ({ id: f.account, status: 'failed', regions: [], durationMs: 0, apiCalls: { calls: 0, attempts: 0, throttles: 0 }, regionDetails: [], error: f }),
  );
  return {
    tool: { name: 'hubcheck', version: input.version },
    mode: input.mode,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: input.durationMs,
    benchmarks: input.benchmarks.map(benchmarkName),
    homeRegion: input.homeRegion,
    regions: [...new Set(input.scans.flatMap((s) => s.regions))].sort(),
    accounts: [...scanned, ...failed].sort((a, b) => a.id.localeCompare(b.id)),
    rules,
    errors,
    notAvailable,
    apiCalls: input.apiCalls,
    resources: processResources(),
    ...(input.accountConcurrency ? { accountConcurrency: input.accountConcurrency } : {}),
  };
}
