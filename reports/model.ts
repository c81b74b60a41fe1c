/**
 * The view of findings every human-facing report shares: one flat record per
 * finding (with its change since the last scan and its suppression), findings
 * grouped by control with the failing controls first, and the compliance score.
 *
 * Compliance score (the definition every report uses, after Security Hub's own
 * security score): over controls, not resources. A control FAILS when any of its
 * findings that is not suppressed is FAILED; it PASSES when it has findings and
 * every one that is not suppressed is PASSED; otherwise (only WARNING or
 * NOT_AVAILABLE, or nothing but suppressed findings) it does not count.
 *   score = passed controls / (passed + failed controls) x 100
 * Per benchmark version, over the controls mapped to that version (from
 * Compliance.RelatedRequirements); per CIS section, over the controls mapped to a
 * requirement in that section (a control in two sections counts in both). No
 * control counted: no score (null), shown as "n/a".
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from '../src/engine/scan-document.js';
import { SEVERITIES, severityRank, type Severity } from '../src/engine/rule.js';
import type { HistoryDelta } from '../src/history/delta.js';
import { suppressionOf } from '../src/suppressions/suppressions.js';

export type Change = 'NEW' | 'REOPENED' | 'RESOLVED' | 'UNSUPPRESSED';

export interface FindingView {
  id: string;
  ruleId: string;
  control: string;
  title: string;
  status: string;
  /** Severity.Label: the control's severity when FAILED, INFORMATIONAL otherwise (as in Security Hub). */
  severity: Severity;
  /** The control's severity whatever the status (Severity.Original). */
  controlSeverity: Severity;
  account: string;
  region: string;
  resourceType: string;
  resourceId: string;
  resourceName: string;
  reason: string;
  evidence: [string, string][];
  tags: [string, string][];
  remediationText: string;
  remediationUrl: string;
  requirements: string[];
  firstObservedAt: string;
  lastObservedAt: string;
  suppressed: boolean;
  suppression?: { reason: string; owner: string; expires: string; source?: string };
  change: Change | null;
}

export function severityOf(value: string | undefined): Severity {
  return (SEVERITIES as readonly string[]).includes(value ?? '') ? (value as Severity) : 'INFORMATIONAL';
}

export function findingViews(findings: readonly AwsSecurityFinding[], delta?: HistoryDelta): FindingView[] {
  const changes = new Map<string, Change>();
  for (const id of delta?.new ?? []) changes.set(id, 'NEW');
  for (const id of delta?.reopened ?? []) changes.set(id, 'REOPENED');
  for (const id of delta?.unsuppressed ?? []) changes.set(id, 'UNSUPPRESSED');
  for (const r of delta?.resolved ?? []) if (r.now === 'PASSED') changes.set(r.id, 'RESOLVED');
  return findings.map((f) => {
    const resource = f.Resources?.[0];
    const fields = f.ProductFields ?? {};
    const ruleId = fields['hubcheck/RuleId'] ?? f.GeneratorId ?? 'unknown';
    const suppression = suppressionOf(f);
    return {
      id: f.Id ?? '',
      ruleId,
      control: f.Compliance?.SecurityControlId ?? ruleId,
      title: f.Title ?? '',
      status: f.Compliance?.Status ?? 'NOT_AVAILABLE',
      severity: severityOf(f.Severity?.Label),
      controlSeverity: severityOf(f.Severity?.Original ?? f.Severity?.Label),
      account: f.AwsAccountId ?? '',
      region: resource?.Region ?? '',
      resourceType: resource?.Type ?? '',
      resourceId: resource?.Id ?? '',
      resourceName: fields['hubcheck/ResourceName'] ?? '',
      reason: f.Description ?? '',
      evidence: Object.entries(fields)
        .filter(([k]) => k.startsWith('hubcheck/evidence/'))
        .map(([k, v]) => [k.slice('hubcheck/evidence/'.length), v]),
      tags: Object.entries(resource?.Tags ?? {}),
      remediationText: f.Remediation?.Recommendation?.Text ?? '',
      remediationUrl: f.Remediation?.Recommendation?.Url ?? fields.RecommendationUrl ?? '',
      requirements: f.Compliance?.RelatedRequirements ?? [],
      firstObservedAt: f.FirstObservedAt ?? f.CreatedAt ?? '',
      lastObservedAt: f.LastObservedAt ?? f.UpdatedAt ?? '',
      suppressed: suppression !== undefined,
      ...(suppression ? { suppression } : {}),
      change: changes.get(f.Id ?? '') ?? null,
    };
  });
}

/** A finding that counts as failing: FAILED and not suppressed. */
export const isFailing = (v: FindingView) => v.status === 'FAILED' && !v.suppressed;

export type ControlOutcome = 'FAILED' | 'PASSED' | 'UNKNOWN';

export interface ControlGroup {
  ruleId: string;
  control: string;
  title: string;
  severity: Severity;
  outcome: ControlOutcome;
  failing: number;
  findings: FindingView[];
  remediationUrl: string;
}

export function controlOutcome(views: readonly FindingView[]): ControlOutcome {
  const counted = views.filter((v) => !v.suppressed);
  if (counted.some((v) => v.status === 'FAILED')) return 'FAILED';
  if (counted.length > 0 && counted.every((v) => v.status === 'PASSED')) return 'PASSED';
  return 'UNKNOWN';
}

const OUTCOME_ORDER: Record<ControlOutcome, number> = { FAILED: 0, UNKNOWN: 1, PASSED: 2 };
const STATUS_ORDER: Record<string, number> = { FAILED: 0, NOT_AVAILABLE: 1, WARNING: 2, PASSED: 3 };

/**
 * Findings by control: failing controls first (most severe, then most failing
 * resources), then those that could not be decided, then passing ones; inside a
 * control, failing findings first.
 */
export function controlGroups(views: readonly FindingView[]): ControlGroup[] {
  const byRule = new Map<string, FindingView[]>();
  for (const v of views) byRule.set(v.ruleId, [...(byRule.get(v.ruleId) ?? []), v]);
  const groups = [...byRule].map(([ruleId, items]): ControlGroup => {
    const first = items[0]!;
    const sorted = [...items].sort(
      (a, b) =>
        Number(a.suppressed) - Number(b.suppressed) ||
        (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
        a.account.localeCompare(b.account) ||
        a.region.localeCompare(b.region) ||
        (a.resourceName || a.resourceId).localeCompare(b.resourceName || b.resourceId),
    );
    return {
      ruleId,
      control: first.control,
      title: first.title,
      severity: first.controlSeverity,
      outcome: controlOutcome(items),
      failing: items.filter(isFailing).length,
      findings: sorted,
      remediationUrl: first.remediationUrl,
    };
  });
  return groups.sort(
    (a, b) =>
      OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] ||
      severityRank(b.severity) - severityRank(a.severity) ||
      b.failing - a.failing ||
      a.control.localeCompare(b.control, undefined, { numeric: true }),
  );
}

/** Where a control fails: failing findings per Region and per account, most first. */
export function failingSpread(group: ControlGroup): { regions: [string, number][]; accounts: [string, number][] } {
  const count = (key: (v: FindingView) => string) => {
    const counts = new Map<string, number>();
    for (const v of group.findings) if (isFailing(v)) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return { regions: count((v) => v.region), accounts: count((v) => v.account) };
}

// ----- compliance score -------------------------------------------------------

export interface ScoreCell {
  passed: number;
  failed: number;
  /** Percent, one decimal; null when no control passed or failed. */
  score: number | null;
}

export interface SectionScore extends ScoreCell {
  section: string;
  name: string;
}

export interface BenchmarkScore extends ScoreCell {
  benchmark: string;
  version: string;
  sections: SectionScore[];
}

export interface ComplianceScores {
  overall: ScoreCell;
  benchmarks: BenchmarkScore[];
}

const SECTION_NAMES: Record<string, Record<string, string>> = {
  '1.2.0': { '1': 'Identity and Access Management', '2': 'Logging', '3': 'Monitoring', '4': 'Networking' },
  default: { '1': 'Identity and Access Management', '2': 'Storage', '3': 'Logging', '4': 'Monitoring', '5': 'Networking' },
};

export function sectionName(version: string, section: string): string {
  return (SECTION_NAMES[version] ?? SECTION_NAMES.default)![section] ?? `Section ${section}`;
}

const REQUIREMENT = /^CIS AWS Foundations Benchmark v(\d+\.\d+\.\d+)\/(\S+)$/;

function cell(outcomes: readonly ControlOutcome[]): ScoreCell {
  const passed = outcomes.filter((o) => o === 'PASSED').length;
  const failed = outcomes.filter((o) => o === 'FAILED').length;
  return { passed, failed, score: passed + failed === 0 ? null : Math.round((1000 * passed) / (passed + failed)) / 10 };
}

export function complianceScores(views: readonly FindingView[]): ComplianceScores {
  const groups = controlGroups(views);
  // version -> section -> rule ids
  const sections = new Map<string, Map<string, Set<string>>>();
  for (const v of views) {
    for (const requirement of v.requirements) {
      const match = REQUIREMENT.exec(requirement);
      if (!match) continue;
      const [, version, number] = match as unknown as [string, string, string];
      const section = number.split('.')[0]!;
      const bySection = sections.get(version) ?? new Map<string, Set<string>>();
      sections.set(version, bySection);
      bySection.set(section, (bySection.get(section) ?? new Set()).add(v.ruleId));
    }
  }
  const outcome = new Map(groups.map((g) => [g.ruleId, g.outcome]));
  const benchmarks = [...sections]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([version, bySection]): BenchmarkScore => {
      const all = new Set([...bySection.values()].flatMap((s) => [...s]));
      return {
        benchmark: `cis-${version}`,
        version,
        ...cell([...all].map((id) => outcome.get(id) ?? 'UNKNOWN')),
        sections: [...bySection]
          .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
          .map(([section, ids]) => ({
            section,
            name: sectionName(version, section),
            ...cell([...ids].map((id) => outcome.get(id) ?? 'UNKNOWN')),
          })),
      };
    });
  return { overall: cell(groups.map((g) => g.outcome)), benchmarks };
}

export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : `${Number.isInteger(score) ? score : score.toFixed(1)}%`;
}

// ----- counts ---------------------------------------------------------------

export const STATUSES = ['FAILED', 'WARNING', 'NOT_AVAILABLE', 'PASSED'] as const;

export interface ReportCounts {
  total: number;
  byStatus: Record<string, number>;
  suppressed: number;
  /** Failing (FAILED, not suppressed) findings by severity. */
  failingBySeverity: Record<Severity, number>;
}

export function reportCounts(views: readonly FindingView[]): ReportCounts {
  const byStatus: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const v of views) {
    byStatus[v.status] = (byStatus[v.status] ?? 0) + 1;
    if (v.suppressed) suppressed++;
    if (isFailing(v)) failingBySeverity[v.severity]++;
  }
  return { total: views.length, byStatus, suppressed, failingBySeverity };
}

/** Accounts, Regions and benchmarks of the scan, from scan.json where there is one, else from the findings. */
export function scanScope(views: readonly FindingView[], scan: Partial<ScanDocument>): { accounts: string[]; regions: string[]; benchmarks: string[] } {
  const accounts = scan.accounts?.length ? scan.accounts.map((a) => a.id) : [...new Set(views.map((v) => v.account))].sort();
  const regions = scan.regions?.length ? scan.regions : [...new Set(views.map((v) => v.region))].sort();
  const benchmarks = scan.benchmarks?.length
    ? scan.benchmarks
    : [...new Set(views.flatMap((v) => v.requirements.map((r) => REQUIREMENT.exec(r)?.[1]).filter(Boolean)))].map((v) => `cis-${v}`).sort();
  return { accounts, regions, benchmarks };
}

/** Only http(s) links are rendered as links: a plugin rule's `javascript:` URL stays text. */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
