/**
 * The view of findings every human-facing report shares: one flat record per
 * finding (with its change since the last scan and its suppression), findings
 * grouped by control with the failing controls first, and the compliance score.
 *
 * The shared words (failing, suppressed, counts, score) are src/domain's: this
 * module re-exports them, so a report imports from the report model only.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { countVerdicts, type FindingCounts } from '../src/domain/counts.js';
import { REQUIREMENT, controlOutcome, type ControlOutcome } from '../src/domain/score.js';
import { REMEDIATION_FIELDS, severityOf, verdictOf, isFailing, type Verdict } from '../src/domain/status.js';
import type { ScanDocument } from '../src/engine/scan-document.js';
import { severityRank, type Severity } from '../src/engine/rule.js';
import type { HistoryDelta } from '../src/history/delta.js';
import { suppressionOf } from '../src/suppressions/suppressions.js';

// The core types and constants a renderer needs, re-exported: renderers import this module only.
export type { ScanDocument } from '../src/engine/scan-document.js';
export type { HistoryDelta, TrendPoint } from '../src/history/delta.js';
export { SEVERITIES, type Severity } from '../src/engine/rule.js';
export { isFailing, severityOf, verdictOf } from '../src/domain/status.js';
export { SEVERITIES as SEVERITY_ORDER, severityRank } from '../src/engine/rule.js';
export { complianceScores, controlOutcome, formatScore, sectionName } from '../src/domain/score.js';
export type { BenchmarkScore, ComplianceScores, ControlOutcome, ScoreCell, SectionScore } from '../src/domain/score.js';
export { PARITY_CATEGORIES, PARITY_LABELS, type ParityRecord } from '../src/domain/parity.js';

export type Change = 'NEW' | 'REOPENED' | 'RESOLVED' | 'UNSUPPRESSED';

export interface FindingView extends Verdict {
  id: string;
  ruleId: string;
  control: string;
  title: string;
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
  /** The fix rendered for this resource (failing findings of rules with structured remediation). */
  fix: RemediationCode;
  firstObservedAt: string;
  lastObservedAt: string;
  suppression?: { reason: string; owner: string; expires: string; source?: string };
  change: Change | null;
}

export type RemediationCode = Partial<Record<keyof typeof REMEDIATION_FIELDS, string>>;

/** The labels of the fix's parts, in the order reports show them. */
export const REMEDIATION_PARTS = [
  ['cli', 'AWS CLI'],
  ['cloudformation', 'CloudFormation'],
  ['terraform', 'Terraform'],
] as const satisfies readonly (readonly [keyof RemediationCode, string])[];

function remediationCode(fields: Record<string, string>): RemediationCode {
  const code: RemediationCode = {};
  for (const [part] of REMEDIATION_PARTS) {
    const value = fields[REMEDIATION_FIELDS[part]];
    if (value) code[part] = value;
  }
  return code;
}


/**
 * The views of one run's findings, built once and shared by every report of the
 * run (the reports read them, none changes them): keyed by the findings array
 * and the delta, so a different delta or array gets its own views.
 */
const viewsOf = new WeakMap<readonly AwsSecurityFinding[], { delta: HistoryDelta | undefined; views: readonly FindingView[] }>();

export function findingViews(findings: readonly AwsSecurityFinding[], delta?: HistoryDelta): readonly FindingView[] {
  const known = viewsOf.get(findings);
  if (known && known.delta === delta) return known.views;
  const views = Object.freeze(buildViews(findings, delta));
  viewsOf.set(findings, { delta, views });
  return views;
}

function buildViews(findings: readonly AwsSecurityFinding[], delta?: HistoryDelta): FindingView[] {
  const changes = new Map<string, Change>();
  for (const id of delta?.new ?? []) changes.set(id, 'NEW');
  for (const id of delta?.reopened ?? []) changes.set(id, 'REOPENED');
  for (const id of delta?.unsuppressed ?? []) changes.set(id, 'UNSUPPRESSED');
  for (const r of delta?.resolved ?? []) if (r.now === 'PASSED') changes.set(r.id, 'RESOLVED');
  return findings.map((f) => {
    const resource = f.Resources?.[0];
    const fields = f.ProductFields ?? {};
    const verdict = verdictOf(f);
    const { ruleId } = verdict;
    const suppression = suppressionOf(f);
    return {
      ...verdict,
      id: f.Id ?? '',
      control: f.Compliance?.SecurityControlId ?? ruleId,
      title: f.Title ?? '',
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
      fix: remediationCode(fields),
      firstObservedAt: f.FirstObservedAt ?? f.CreatedAt ?? '',
      lastObservedAt: f.LastObservedAt ?? f.UpdatedAt ?? '',
      ...(suppression ? { suppression } : {}),
      change: changes.get(f.Id ?? '') ?? null,
    };
  });
}

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

const OUTCOME_ORDER: Record<ControlOutcome, number> = { FAILED: 0, UNKNOWN: 1, PASSED: 2 };
const STATUS_ORDER: Record<string, number> = { FAILED: 0, NOT_AVAILABLE: 1, WARNING: 2, PASSED: 3 };

/**
 * Findings by control: failing controls first (most severe, then most failing
 * resources), then those that could not be decided, then passing ones; inside a
 * control, failing findings first.
 */
const groupsOf = new WeakMap<readonly FindingView[], readonly ControlGroup[]>();

/** The groups of one set of views, built once and shared by the reports of the run. */
export function controlGroups(views: readonly FindingView[]): readonly ControlGroup[] {
  const known = groupsOf.get(views);
  if (known) return known;
  const groups = Object.freeze(buildGroups(views));
  groupsOf.set(views, groups);
  return groups;
}

function buildGroups(views: readonly FindingView[]): ControlGroup[] {
  const byRule = new Map<string, FindingView[]>();
  for (const v of views) {
    const items = byRule.get(v.ruleId);
    if (items) items.push(v);
    else byRule.set(v.ruleId, [v]);
  }
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

// ----- counts ---------------------------------------------------------------

export const STATUSES = ['FAILED', 'WARNING', 'NOT_AVAILABLE', 'PASSED'] as const;

/** The counts of src/domain/counts.ts, over the report's findings. */
export type ReportCounts = FindingCounts;

export function reportCounts(views: readonly FindingView[]): ReportCounts {
  return countVerdicts(views);
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
export { safeHttpUrl as safeUrl } from '../src/io/escape.js';
/** Where a control fails: failing findings per Region and per account, most first. */
export function failingSpread(group: ControlGroup): { regions: [string, number][]; accounts: [string, number][] } {
  const count = (key: (v: FindingView) => string) => {
    const counts = new Map<string, number>();
    for (const v of group.findings) if (isFailing(v)) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return { regions: count((v) => v.region), accounts: count((v) => v.account) };
}
