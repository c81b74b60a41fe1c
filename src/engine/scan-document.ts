/**
 * The record of one hubcheck run that scan.json holds: accounts, Regions, rules
 * run, errors, API calls per operation and durations.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ApiStatsSnapshot } from '../data/api-stats.js';
import { benchmarkName, type BenchmarkVersion } from './benchmarks.js';
import type { AccountScan, ScanIssue } from './scan.js';
import { COMPLIANCE_STATUSES, SEVERITIES, type ComplianceStatus, type Rule, type Severity } from './rule.js';

export interface FindingCounts {
  total: number;
  byStatus: Record<ComplianceStatus, number>;
  /** FAILED findings by severity label. */
  failedBySeverity: Record<Severity, number>;
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
  accounts: {
    id: string;
    partition: string;
    arn: string;
    regions: string[];
    durationMs: number;
    apiCalls: { calls: number; attempts: number; throttles: number };
  }[];
  rules: {
    id: string;
    securityHubControlId: string | null;
    severity: Severity;
    scope: Rule['scope'];
    evaluations: number;
    durationMs: number;
    results: Record<ComplianceStatus, number>;
  }[];
  counts: FindingCounts;
  errors: ScanIssue[];
  /** Every NOT_AVAILABLE finding, with what made it unavailable. */
  notAvailable: { rule: string; account: string; region: string; resource: string; reason: string }[];
  apiCalls: ApiStatsSnapshot;
}

export function countFindings(findings: readonly AwsSecurityFinding[]): FindingCounts {
  const byStatus = Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<ComplianceStatus, number>;
  const failedBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    const status = (finding.Compliance?.Status ?? 'NOT_AVAILABLE') as ComplianceStatus;
    byStatus[status]++;
    if (status === 'FAILED') failedBySeverity[(finding.Severity?.Label ?? 'INFORMATIONAL') as Severity]++;
  }
  return { total: findings.length, byStatus, failedBySeverity };
}

export function buildScanDocument(input: {
  version: string;
  mode: ScanDocument['mode'];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  benchmarks: readonly BenchmarkVersion[];
  homeRegion: string;
  rules: readonly Rule[];
  scans: readonly AccountScan[];
  findings: readonly AwsSecurityFinding[];
  apiCalls: ApiStatsSnapshot;
}): ScanDocument {
  const evaluations = input.scans.flatMap((s) => s.evaluations);
  const rules = input.rules.map((rule) => {
    const own = evaluations.filter((e) => e.rule.id === rule.id);
    const results = Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<ComplianceStatus, number>;
    for (const e of own) for (const r of e.results) results[r.status]++;
    return {
      id: rule.id,
      securityHubControlId: rule.securityHubControlId,
      severity: rule.severity,
      scope: rule.scope,
      evaluations: own.length,
      durationMs: own.reduce((sum, e) => sum + e.durationMs, 0),
      results,
    };
  });
  const notAvailable = evaluations.flatMap((e) =>
    e.results
      .filter((r) => r.status === 'NOT_AVAILABLE')
      .map((r) => ({ rule: e.rule.id, account: e.account, region: r.resource.region ?? e.region, resource: r.resource.id, reason: r.reason })),
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
    accounts: input.scans.map((s) => {
      const prefix = `${s.identity.account}/`;
      const scopes = Object.entries(input.apiCalls.byScope).filter(([key]) => key.startsWith(prefix));
      return {
        id: s.identity.account,
        partition: s.identity.partition,
        arn: s.identity.arn,
        regions: s.regions,
        durationMs: s.durationMs,
        apiCalls: {
          calls: scopes.reduce((sum, [, c]) => sum + c.calls, 0),
          attempts: scopes.reduce((sum, [, c]) => sum + c.attempts, 0),
          throttles: scopes.reduce((sum, [, c]) => sum + c.throttles, 0),
        },
      };
    }),
    rules,
    counts: countFindings(input.findings),
    errors: input.scans.flatMap((s) => s.issues),
    notAvailable,
    apiCalls: input.apiCalls,
  };
}
