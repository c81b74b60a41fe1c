/**
 * The view of findings every human-facing report shares: one flat record per
 * finding (with its change since the last scan and its suppression), findings
 * grouped by control with the failing controls first, and the compliance score.
 *
 * The shared words (failing, suppressed, counts, score) are src/domain's: this
 * module re-exports them, so a report imports from the report model only.
 *
 * An organization scan can hold hundreds of thousands of findings, given to the
 * reports as an iterable read from disk. `reportModel` reads it once and keeps
 * a bounded model: exact counts, scores, scope and per-control aggregates over
 * every finding, but only the first REPORT_ROWS_PER_CONTROL finding views of
 * each control (in the report's order) and the views of the first
 * REPORT_CHANGES_LISTED changed findings of each kind. Every finding stays in
 * findings.asff.json (and findings.csv, findings.ocsf.json, which stream).
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { countVerdicts, type FindingCounts } from '../src/domain/counts.js';
import { REQUIREMENT, complianceScores, controlOutcome, type ComplianceScores, type ControlOutcome } from '../src/domain/score.js';
import { REMEDIATION_FIELDS, severityOf, verdictOf, isFailing, type Verdict } from '../src/domain/status.js';
import type { ScanDocument } from '../src/engine/scan-document.js';
import { severityRank, type Severity } from '../src/engine/rule.js';
import { CHANGE_BITS, changeCounts, findingChanges, type FindingChanges, type HistoryDelta } from '../src/history/delta.js';
import { suppressionOf } from '../src/suppressions/suppressions.js';

// The core types and constants a renderer needs, re-exported: renderers import this module only.
export type { ScanDocument } from '../src/engine/scan-document.js';
export type { FindingChanges, HistoryDelta, TrendPoint } from '../src/history/delta.js';
export { changeCounts, findingChanges };
export { batched } from '../src/io/batched.js';
export { SEVERITIES, type Severity } from '../src/engine/rule.js';
export { isFailing, severityOf, verdictOf } from '../src/domain/status.js';
export { SEVERITIES as SEVERITY_ORDER, severityRank } from '../src/engine/rule.js';
export { complianceScores, controlOutcome, formatScore, sectionName } from '../src/domain/score.js';
export type { BenchmarkScore, ComplianceScores, ControlOutcome, ScoreCell, SectionScore } from '../src/domain/score.js';
export { PARITY_CATEGORIES, PARITY_LABELS, type ParityRecord } from '../src/domain/parity.js';

/** The finding rows a report lists per control (HTML, Markdown, JUnit); the counts cover every finding. */
export const REPORT_ROWS_PER_CONTROL = 250;
/** The changed findings a report lists per kind of change (new, reopened, no longer suppressed, resolved). */
export const REPORT_CHANGES_LISTED = 250;
/** Where every finding is when a report lists only some. */
export const EVERY_FINDING_FILES = 'findings.asff.json (and findings.csv with --format csv)';

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

/** The one change a report shows for a finding's CHANGE_BITS: resolved, then no longer suppressed, reopened, new. */
export function changeOf(bits: number): Change | null {
  if (bits & CHANGE_BITS.resolved) return 'RESOLVED';
  if (bits & CHANGE_BITS.unsuppressed) return 'UNSUPPRESSED';
  if (bits & CHANGE_BITS.reopened) return 'REOPENED';
  if (bits & CHANGE_BITS.new) return 'NEW';
  return null;
}

/** The view of one finding, with its change from `findingChanges(delta)`. */
export function findingView(f: AwsSecurityFinding, changes: FindingChanges): FindingView {
  return viewOf(f, changes.of(f));
}

/** The view of one finding whose CHANGE_BITS are known. */
function viewOf(f: AwsSecurityFinding, bits: number): FindingView {
  const resource = f.Resources?.[0];
  const fields = f.ProductFields ?? {};
  const verdict = verdictOf(f);
  const { ruleId } = verdict;
  const suppression = suppressionOf(f);
  // Built field by field (no spread of the verdict: a spread makes this hot path several times slower).
  const view: FindingView = {
    ruleId,
    status: verdict.status,
    severity: verdict.severity,
    suppressed: verdict.suppressed,
    incomplete: verdict.incomplete,
    requirements: verdict.requirements,
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
    change: changeOf(bits),
  };
  if (suppression) view.suppression = suppression;
  return view;
}

/**
 * The views of every finding of an array (tests and small callers; the reports
 * use `reportModel`, which keeps a bounded number), built once per array and
 * delta: keyed by the findings array and the delta.
 */
const viewsOf = new WeakMap<readonly AwsSecurityFinding[], { delta: HistoryDelta | undefined; views: readonly FindingView[] }>();

export function findingViews(findings: readonly AwsSecurityFinding[], delta?: HistoryDelta): readonly FindingView[] {
  const known = viewsOf.get(findings);
  if (known && known.delta === delta) return known.views;
  const changes = findingChanges(delta);
  const views = Object.freeze(findings.map((f) => findingView(f, changes)));
  viewsOf.set(findings, { delta, views });
  return views;
}

export interface ControlGroup {
  ruleId: string;
  control: string;
  title: string;
  severity: Severity;
  outcome: ControlOutcome;
  /** Failing findings of the control (FAILED, not suppressed), all of them. */
  failing: number;
  /** Every finding of the control. */
  total: number;
  /** The first findings of the control in the report's order (failing first): all of them up to the model's limit. */
  findings: FindingView[];
  remediationUrl: string;
  /** Not suppressed and FAILED / NOT_AVAILABLE; suppressed or WARNING (the JUnit counts). */
  failures: number;
  errors: number;
  skipped: number;
  /** Failing findings per Region and per account. */
  failingByRegion: ReadonlyMap<string, number>;
  failingByAccount: ReadonlyMap<string, number>;
  /** The first failing finding (in the report's order) with a rendered CLI fix. */
  firstFixable?: FindingView;
}

const OUTCOME_ORDER: Record<ControlOutcome, number> = { FAILED: 0, UNKNOWN: 1, PASSED: 2 };
const STATUS_ORDER: Record<string, number> = { FAILED: 0, NOT_AVAILABLE: 1, WARNING: 2, PASSED: 3 };

/** `a.localeCompare(b)`, without building a collator per call (the same default-locale order). */
// Made on first use: building a collator takes about 10 ms, which a scan need not spend before its first call.
let collator: Intl.Collator | undefined;
const compareText = (a: string, b: string): number => (collator ??= new Intl.Collator()).compare(a, b);

/** The order of findings inside a control: counted before suppressed, then by status, account, Region, resource. */
export function findingOrder(a: FindingView, b: FindingView): number {
  return (
    Number(a.suppressed) - Number(b.suppressed) ||
    (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
    compareText(a.account, b.account) ||
    compareText(a.region, b.region) ||
    compareText(a.resourceName || a.resourceId, b.resourceName || b.resourceId)
  );
}

interface Ranked {
  view: FindingView;
  seq: number;
}

const byOrderThenSeq = (a: Ranked, b: Ranked) => findingOrder(a.view, b.view) || a.seq - b.seq;

/**
 * One control's findings as they stream by: exact aggregates, and the first
 * `limit` views in the report's order (kept by collecting up to twice the limit,
 * then sorting and cutting back: the same views a full sort would put first).
 */
class ControlAccumulator {
  private readonly first: FindingView;
  private total = 0;
  private failing = 0;
  private failures = 0;
  private errors = 0;
  private skipped = 0;
  private readonly verdicts = new Map<string, Pick<Verdict, 'status' | 'suppressed'>>();
  private readonly byRegion = new Map<string, number>();
  private readonly byAccount = new Map<string, number>();
  private kept: Ranked[] = [];
  /** Once the list was cut: its last view. A view after it in the order can never be among the first `limit`. */
  private cutoff?: Ranked;
  private fixable?: Ranked;

  constructor(
    first: FindingView,
    private readonly limit: number,
  ) {
    this.first = first;
  }

  add(view: FindingView, seq: number): void {
    this.total++;
    const key = `${view.status}\u0000${view.suppressed}`;
    if (!this.verdicts.has(key)) this.verdicts.set(key, { status: view.status, suppressed: view.suppressed });
    if (view.suppressed || view.status === 'WARNING') this.skipped++;
    else if (view.status === 'FAILED') this.failures++;
    else if (view.status === 'NOT_AVAILABLE') this.errors++;
    if (isFailing(view)) {
      this.failing++;
      this.byRegion.set(view.region, (this.byRegion.get(view.region) ?? 0) + 1);
      this.byAccount.set(view.account, (this.byAccount.get(view.account) ?? 0) + 1);
      if (view.fix.cli && (!this.fixable || findingOrder(view, this.fixable.view) < 0)) this.fixable = { view, seq };
    }
    if (this.limit <= 0) return;
    const ranked = { view, seq };
    if (this.cutoff && byOrderThenSeq(ranked, this.cutoff) > 0) return;
    this.kept.push(ranked);
    if (this.kept.length > 2 * this.limit) {
      this.kept = this.kept.sort(byOrderThenSeq).slice(0, this.limit);
      this.cutoff = this.kept[this.limit - 1];
    }
  }

  group(): ControlGroup {
    const first = this.first;
    return {
      ruleId: first.ruleId,
      control: first.control,
      title: first.title,
      severity: first.controlSeverity,
      outcome: controlOutcome([...this.verdicts.values()]),
      failing: this.failing,
      total: this.total,
      findings: this.kept.sort(byOrderThenSeq).slice(0, this.limit).map((r) => r.view),
      remediationUrl: first.remediationUrl,
      failures: this.failures,
      errors: this.errors,
      skipped: this.skipped,
      failingByRegion: this.byRegion,
      failingByAccount: this.byAccount,
      ...(this.fixable ? { firstFixable: this.fixable.view } : {}),
    };
  }
}

/**
 * Findings by control: failing controls first (most severe, then most failing
 * resources), then those that could not be decided, then passing ones.
 */
function sortGroups(groups: ControlGroup[]): ControlGroup[] {
  return groups.sort(
    (a, b) =>
      OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] ||
      severityRank(b.severity) - severityRank(a.severity) ||
      b.failing - a.failing ||
      a.control.localeCompare(b.control, undefined, { numeric: true }),
  );
}

const groupsOf = new WeakMap<readonly FindingView[], readonly ControlGroup[]>();

/** The groups of one set of views, every view kept, built once and shared. */
export function controlGroups(views: readonly FindingView[]): readonly ControlGroup[] {
  const known = groupsOf.get(views);
  if (known) return known;
  const byRule = new Map<string, ControlAccumulator>();
  views.forEach((v, seq) => {
    let acc = byRule.get(v.ruleId);
    if (!acc) byRule.set(v.ruleId, (acc = new ControlAccumulator(v, Infinity)));
    acc.add(v, seq);
  });
  const groups = Object.freeze(sortGroups([...byRule.values()].map((a) => a.group())));
  groupsOf.set(views, groups);
  return groups;
}

// ----- counts ---------------------------------------------------------------

export const STATUSES = ['FAILED', 'WARNING', 'NOT_AVAILABLE', 'PASSED'] as const;

/** The counts of src/domain/counts.ts, over the report's findings. */
export type ReportCounts = FindingCounts;

export function reportCounts(views: Iterable<FindingView>): ReportCounts {
  return countVerdicts(views);
}

interface ScopeValues {
  accounts: Iterable<string>;
  regions: Iterable<string>;
  requirements: Iterable<string>;
}

function scopeOf(values: ScopeValues, scan: Partial<ScanDocument>): { accounts: string[]; regions: string[]; benchmarks: string[] } {
  const accounts = scan.accounts?.length ? scan.accounts.map((a) => a.id) : [...new Set(values.accounts)].sort();
  const regions = scan.regions?.length ? scan.regions : [...new Set(values.regions)].sort();
  const benchmarks = scan.benchmarks?.length
    ? scan.benchmarks
    : [...new Set([...values.requirements].map((r) => REQUIREMENT.exec(r)?.[1]).filter(Boolean))].map((v) => `cis-${v}`).sort();
  return { accounts, regions, benchmarks };
}

/** Accounts, Regions and benchmarks of the scan, from scan.json where there is one, else from the findings. */
export function scanScope(views: readonly FindingView[], scan: Partial<ScanDocument>): { accounts: string[]; regions: string[]; benchmarks: string[] } {
  return scopeOf({ accounts: views.map((v) => v.account), regions: views.map((v) => v.region), requirements: views.flatMap((v) => v.requirements) }, scan);
}

/** Only http(s) links are rendered as links: a plugin rule's `javascript:` URL stays text. */
export { safeHttpUrl as safeUrl } from '../src/io/escape.js';
/** Where a control fails: failing findings per Region and per account, most first. */
export function failingSpread(group: ControlGroup): { regions: [string, number][]; accounts: [string, number][] } {
  const sorted = (counts: ReadonlyMap<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { regions: sorted(group.failingByRegion), accounts: sorted(group.failingByAccount) };
}

// ----- the bounded report model ---------------------------------------------

/** Changed findings of one kind: the views of the first ones the delta lists, and how many are in the findings. */
export interface ChangedFindings {
  /** Views of the findings among the first REPORT_CHANGES_LISTED ids of the delta's list, in its order. */
  listed: FindingView[];
  /** Findings of this kind among the findings (every one, not only the listed). */
  found: number;
}

export interface ReportModel {
  /** Counts over every finding. */
  counts: ReportCounts;
  scores: ComplianceScores;
  scope: { accounts: string[]; regions: string[]; benchmarks: string[] };
  /** Controls in the report's order, each with its first REPORT_ROWS_PER_CONTROL findings. */
  groups: readonly ControlGroup[];
  /** Values present among the findings (the HTML filters offer these). */
  present: {
    severities: ReadonlySet<string>;
    /** Status, or SUPPRESSED for a suppressed finding. */
    statuses: ReadonlySet<string>;
    regions: ReadonlySet<string>;
    accounts: ReadonlySet<string>;
    controls: ReadonlySet<string>;
    changes: ReadonlySet<Change>;
    /** Compliance.RelatedRequirements (the benchmarks without a scan.json). */
    requirements: ReadonlySet<string>;
  };
  /** Last observed time of the first finding (JUnit's timestamp without a scan time). */
  firstLastObservedAt?: string;
  /** Findings the delta names as new, reopened, no longer suppressed. */
  changed: Record<'new' | 'reopened' | 'unsuppressed', ChangedFindings>;
  /** Suppressed findings: the first ones in the findings' order, and how many. */
  suppressed: { listed: FindingView[]; total: number };
  /** Limits this model was built with. */
  limits: ReportLimits;
}

export interface ReportLimits {
  rowsPerControl: number;
  changes: number;
}

export const REPORT_LIMITS: ReportLimits = Object.freeze({ rowsPerControl: REPORT_ROWS_PER_CONTROL, changes: REPORT_CHANGES_LISTED });

type Pass = Omit<ReportModel, 'scope'>;

const passOf = new WeakMap<object, { delta: HistoryDelta | undefined; pass: Pass }>();

/**
 * The report model of one run, in one pass over the findings, with memory bound
 * by the limits (and the number of controls, accounts, Regions and changes), not
 * by the number of findings. With the default limits the pass is made once per
 * findings iterable and delta, and shared by the reports of the run (the scan
 * document only decides the scope shown).
 */
export function reportModel(
  findings: Iterable<AwsSecurityFinding>,
  delta?: HistoryDelta,
  scan: Partial<ScanDocument> = {},
  limits: ReportLimits = REPORT_LIMITS,
): ReportModel {
  const shared = limits === REPORT_LIMITS;
  const known = shared ? passOf.get(findings) : undefined;
  let pass = known && known.delta === delta ? known.pass : undefined;
  if (!pass) {
    pass = onePass(findings, delta, limits);
    if (shared) passOf.set(findings, { delta, pass });
  }
  const { present } = pass;
  return { ...pass, scope: scopeOf({ accounts: present.accounts, regions: present.regions, requirements: present.requirements }, scan) };
}

/** The pass `reportModel` made already over these findings with this delta, if any (nothing is read). */
export function madeReportModel(findings: Iterable<AwsSecurityFinding>, delta?: HistoryDelta): ReportModel | undefined {
  const known = passOf.get(findings);
  return known && known.delta === delta ? reportModel(findings, delta) : undefined;
}

function onePass(findings: Iterable<AwsSecurityFinding>, delta: HistoryDelta | undefined, limits: ReportLimits): Pass {
  const changes = findingChanges(delta);
  // The delta lists the first changes of each kind (in its order): the report shows the first of those.
  // Which findings changed, and how many, the changes tell finding by finding.
  const lists = { new: delta?.new ?? [], reopened: delta?.reopened ?? [], unsuppressed: delta?.unsuppressed ?? [] };
  const wanted = new Set(Object.values(lists).flatMap((ids) => ids.slice(0, limits.changes)));
  const names = Object.keys(lists) as (keyof typeof lists)[];
  const wantedViews = new Map<string, FindingView>();
  const found = { new: 0, reopened: 0, unsuppressed: 0 };

  // Counts: one entry per distinct verdict shape, expanded for countVerdicts (the one definition of the counts).
  const shapes = new Map<string, { verdict: Pick<Verdict, 'status' | 'severity' | 'suppressed' | 'incomplete'>; n: number }>();
  // Scores: per rule, its distinct (status, suppressed) pairs and requirements: all the score depends on.
  const scored = new Map<string, { verdicts: Map<string, Pick<Verdict, 'status' | 'suppressed'>>; requirements: Set<string> }>();
  const byRule = new Map<string, ControlAccumulator>();
  const present = {
    severities: new Set<string>(),
    statuses: new Set<string>(),
    regions: new Set<string>(),
    accounts: new Set<string>(),
    controls: new Set<string>(),
    changes: new Set<Change>(),
    requirements: new Set<string>(),
  };
  const suppressed = { listed: [] as FindingView[], total: 0 };
  let firstLastObservedAt: string | undefined;
  let seq = 0;

  for (const f of findings) {
    const bits = changes.of(f);
    const v = viewOf(f, bits);
    if (seq === 0) firstLastObservedAt = v.lastObservedAt;

    const shapeKey = `${v.status}\u0000${v.severity}\u0000${v.suppressed}\u0000${v.incomplete}`;
    const shape = shapes.get(shapeKey);
    if (shape) shape.n++;
    else shapes.set(shapeKey, { verdict: { status: v.status, severity: v.severity, suppressed: v.suppressed, incomplete: v.incomplete }, n: 1 });

    let rule = scored.get(v.ruleId);
    if (!rule) scored.set(v.ruleId, (rule = { verdicts: new Map(), requirements: new Set() }));
    const verdictKey = `${v.status}\u0000${v.suppressed}`;
    if (!rule.verdicts.has(verdictKey)) rule.verdicts.set(verdictKey, { status: v.status, suppressed: v.suppressed });
    for (const r of v.requirements) {
      rule.requirements.add(r);
      present.requirements.add(r);
    }

    present.severities.add(v.severity);
    present.statuses.add(v.suppressed ? 'SUPPRESSED' : v.status);
    present.regions.add(v.region);
    present.accounts.add(v.account);
    present.controls.add(v.control);
    if (v.change) present.changes.add(v.change);

    let acc = byRule.get(v.ruleId);
    if (!acc) byRule.set(v.ruleId, (acc = new ControlAccumulator(v, limits.rowsPerControl)));
    acc.add(v, seq);

    if (bits) {
      for (const list of names) if (bits & CHANGE_BITS[list]) found[list]++;
      if (wanted.has(v.id)) wantedViews.set(v.id, v);
    }
    if (v.suppressed) {
      suppressed.total++;
      if (suppressed.listed.length < limits.changes) suppressed.listed.push(v);
    }
    seq++;
  }

  const counts = countVerdicts(
    (function* () {
      for (const { verdict, n } of shapes.values()) for (let i = 0; i < n; i++) yield verdict;
    })(),
  );
  const scores = complianceScores(
    [...scored].flatMap(([ruleId, r]) => [...r.verdicts.values()].map((v) => ({ ruleId, ...v, requirements: [...r.requirements] }))),
  );
  const changedOf = (list: keyof typeof lists): ChangedFindings => ({
    listed: lists[list]
      .slice(0, limits.changes)
      .map((id) => wantedViews.get(id))
      .filter((v): v is FindingView => v !== undefined),
    found: found[list],
  });
  return {
    counts,
    scores,
    groups: Object.freeze(sortGroups([...byRule.values()].map((a) => a.group()))),
    present,
    ...(firstLastObservedAt === undefined ? {} : { firstLastObservedAt }),
    changed: { new: changedOf('new'), reopened: changedOf('reopened'), unsuppressed: changedOf('unsuppressed') },
    suppressed,
    limits,
  };
}
