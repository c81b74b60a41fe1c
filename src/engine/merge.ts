/**
 * Puts the outputs of several runs back together (`hubcheck merge`): the shards
 * of a sharded run, or scans of different accounts. Findings are united by Id
 * (the newest UpdatedAt wins if two runs produced the same one); the scan
 * records are combined account by account, and every count is recomputed from
 * the merged findings, so a merged set of shards equals one unsharded run.
 *
 * `hubcheck merge` goes through spoolMergedFindings: the runs' findings are
 * read back from spools (src/io/finding-spool.ts) twice, and memory holds only
 * a map of Id -> the winner's position (and its UpdatedAt, one shared string
 * per distinct value), never the findings themselves. mergeFindings and
 * mergeRuns are the same rules over arrays.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ApiStatsSnapshot, CallCounts } from '../data/api-stats.js';
import { COMPLIANCE_STATUSES } from './rule.js';
import { countFindings } from '../domain/counts.js';
import type { ScanDocument } from './scan-document.js';
import { FindingSpool } from '../io/finding-spool.js';

export interface RunOutput {
  findings: AwsSecurityFinding[];
  document: ScanDocument;
}

export function mergeFindings(runs: readonly AwsSecurityFinding[][]): AwsSecurityFinding[] {
  const byId = new Map<string, AwsSecurityFinding>();
  for (const finding of runs.flat()) {
    const id = finding.Id ?? '';
    const seen = byId.get(id);
    if (!seen || (finding.UpdatedAt ?? '') > (seen.UpdatedAt ?? '')) byId.set(id, finding);
  }
  return [...byId.values()];
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

function mergeApiCalls(all: readonly ApiStatsSnapshot[]): ApiStatsSnapshot {
  const merged: ApiStatsSnapshot = { calls: 0, attempts: 0, throttles: 0, byOperation: {}, byScope: {} };
  for (const stats of all) {
    merged.calls += stats.calls;
    merged.attempts += stats.attempts;
    merged.throttles += stats.throttles;
    addCounts(merged.byOperation, stats.byOperation);
    for (const [scope, counts] of Object.entries(stats.byScope)) {
      const target = (merged.byScope[scope] ??= { calls: 0, attempts: 0, throttles: 0, byOperation: {} });
      for (const key of ['calls', 'attempts', 'throttles'] as const satisfies readonly (keyof CallCounts)[]) target[key] += counts[key];
      addCounts(target.byOperation, counts.byOperation);
    }
  }
  merged.byOperation = Object.fromEntries(Object.entries(merged.byOperation).sort(([a], [b]) => a.localeCompare(b)));
  merged.byScope = Object.fromEntries(Object.entries(merged.byScope).sort(([a], [b]) => a.localeCompare(b)));
  return merged;
}

/** How many merged findings are held before they are written to the spool. */
const PENDING = 2000;

/**
 * The findings of several runs united by Id as mergeFindings does (the newest
 * UpdatedAt wins; on a tie, the first seen), written to a new spool in account
 * order (inside an account, in the order of the runs and of each run). Each
 * run is iterated twice: once for the winners, once to copy them.
 */
export function spoolMergedFindings(runs: readonly Iterable<AwsSecurityFinding>[]): FindingSpool {
  // Id -> position of the winner (over all runs, in order); its UpdatedAt by position, one string per distinct value.
  const winner = new Map<string, number>();
  const updatedAt: string[] = [];
  const distinct = new Map<string, string>();
  let position = 0;
  for (const run of runs) {
    for (const finding of run) {
      const raw = finding.UpdatedAt ?? '';
      let at = distinct.get(raw);
      if (at === undefined) distinct.set(raw, (at = raw));
      updatedAt.push(at);
      const id = finding.Id ?? '';
      const seen = winner.get(id);
      if (seen === undefined || at > updatedAt[seen]!) winner.set(id, position);
      position++;
    }
  }
  const merged = FindingSpool.create();
  try {
    const pending = new Map<string, AwsSecurityFinding[]>();
    let held = 0;
    const flush = () => {
      for (const [account, findings] of pending) merged.add(account, findings);
      pending.clear();
      held = 0;
    };
    position = 0;
    for (const run of runs) {
      for (const finding of run) {
        if (winner.get(finding.Id ?? '') === position++) {
          const account = finding.AwsAccountId ?? '';
          const list = pending.get(account);
          if (list) list.push(finding);
          else pending.set(account, [finding]);
          if (++held >= PENDING) flush();
        }
      }
    }
    flush();
  } catch (error) {
    merged.release();
    throw error;
  }
  return merged;
}

export function mergeRuns(runs: readonly RunOutput[]): RunOutput {
  if (runs.length === 0) throw new Error('nothing to merge');
  const findings = mergeFindings(runs.map((r) => r.findings));
  return { findings, document: mergeDocuments(runs.map((r) => r.document), findings) };
}

/** The runs' scan records as one, every count recomputed from the merged findings (read once). */
export function mergeDocuments(docs: readonly ScanDocument[], findings: Iterable<AwsSecurityFinding>): ScanDocument {
  const [firstDocument] = docs;
  if (!firstDocument) throw new Error('nothing to merge');
  const rules = new Map<string, ScanDocument['rules'][number]>();
  for (const rule of docs.flatMap((d) => d.rules)) {
    const seen = rules.get(rule.id);
    if (!seen) {
      rules.set(rule.id, { ...rule, results: { ...rule.results } });
      continue;
    }
    seen.evaluations += rule.evaluations;
    seen.durationMs += rule.durationMs;
    for (const status of COMPLIANCE_STATUSES) seen.results[status] += rule.results[status];
  }
  const accounts = new Map(docs.flatMap((d) => d.accounts).map((a) => [a.id, a]));
  const document: ScanDocument = {
    ...firstDocument,
    mode: docs.every((d) => d.mode === 'replay') ? 'replay' : 'live',
    startedAt: docs.map((d) => d.startedAt).sort()[0] ?? firstDocument.startedAt,
    finishedAt: docs.map((d) => d.finishedAt).sort().at(-1) ?? firstDocument.finishedAt,
    durationMs: Math.max(...docs.map((d) => d.durationMs)),
    benchmarks: [...new Set(docs.flatMap((d) => d.benchmarks))].sort(),
    regions: [...new Set(docs.flatMap((d) => d.regions))].sort(),
    accounts: [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id)),
    rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)),
    counts: countFindings(findings),
    errors: docs.flatMap((d) => d.errors),
    notAvailable: docs.flatMap((d) => d.notAvailable),
    apiCalls: mergeApiCalls(docs.map((d) => d.apiCalls)),
    resources: {
      peakRssMb: Math.max(0, ...docs.map((d) => d.resources?.peakRssMb ?? 0)),
      cpuUserMs: docs.reduce((sum, d) => sum + (d.resources?.cpuUserMs ?? 0), 0),
      cpuSystemMs: docs.reduce((sum, d) => sum + (d.resources?.cpuSystemMs ?? 0), 0),
    },
  };
  return document;
}
