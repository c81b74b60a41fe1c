/**
 * Puts the outputs of several runs back together (`hubcheck merge`): the shards
 * of a sharded run, or scans of different accounts. Findings are united by Id
 * (the newest UpdatedAt wins if two runs produced the same one); the scan
 * records are combined account by account, and every count is recomputed from
 * the merged findings, so a merged set of shards equals one unsharded run.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ApiStatsSnapshot, CallCounts } from '../data/api-stats.js';
import { COMPLIANCE_STATUSES } from './rule.js';
import { countFindings } from '../domain/counts.js';
import type { ScanDocument } from './scan-document.js';

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

export function mergeRuns(runs: readonly RunOutput[]): RunOutput {
  const [first] = runs;
  if (!first) throw new Error('nothing to merge');
  const findings = mergeFindings(runs.map((r) => r.findings));
  const docs = runs.map((r) => r.document);
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
    ...first.document,
    mode: docs.every((d) => d.mode === 'replay') ? 'replay' : 'live',
    startedAt: docs.map((d) => d.startedAt).sort()[0] ?? first.document.startedAt,
    finishedAt: docs.map((d) => d.finishedAt).sort().at(-1) ?? first.document.finishedAt,
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
  return { findings, document };
}
