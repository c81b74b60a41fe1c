/**
 * What changed since the last scan, as a pure function of the previous state of
 * each finding and this scan's findings. The SQLite store (store.ts) loads and
 * saves the state; reports only read the resulting HistoryDelta.
 *
 * The life of a finding (keyed by its deterministic ASFF Id):
 *
 *   (unseen) --FAILED--> open            "new"
 *   (unseen) --other---> passing
 *   passing  --FAILED--> open            "new" (it had never failed before)
 *   open     --PASSED--> resolved        "resolved"
 *   open     --gone----> resolved        "resolved", only where its rule, account and
 *                                         Region were evaluated cleanly this scan
 *   open     --WARNING / NOT_AVAILABLE / gone elsewhere--> open (not resolved: unknown)
 *   resolved --FAILED--> open            "reopened"
 *
 * Suppression does not change the life of a finding: a suppressed FAILED finding
 * is open, but it is reported in `suppressed` instead of `new` / `reopened`, and
 * when its suppression ends (expired or removed) it is listed in `unsuppressed`.
 * With no previous state at all, every FAILED finding is new: a gate on new
 * findings fails closed when its history is lost.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { Coverage } from '../domain/completeness.js';
import { verdictOf } from '../domain/status.js';

export type LifeState = 'open' | 'resolved' | 'passing';

/** The stored state of one finding after the last scan that saw it. */
export interface FindingRecord {
  id: string;
  ruleId: string;
  control: string;
  title: string;
  /** The control's severity (Severity.Original), whatever the status. */
  severity: string;
  account: string;
  region: string;
  scope: string;
  resourceId: string;
  resourceName: string | null;
  firstSeen: string;
  lastSeen: string;
  /** The last Compliance.Status seen, or GONE once resolved by absence. */
  status: string;
  state: LifeState;
  suppressed: boolean;
}

/** A finding this scan resolved: its stored identity, and what became of it. */
export interface ResolvedFinding
  extends Pick<
    FindingRecord,
    'id' | 'ruleId' | 'control' | 'title' | 'severity' | 'account' | 'region' | 'resourceId' | 'resourceName' | 'firstSeen'
  > {
  /** PASSED: the finding now passes. GONE: the resource is no longer there. */
  now: 'PASSED' | 'GONE';
}

export interface TrendPoint {
  scanId: number;
  startedAt: string;
  /** Overall compliance score in percent, null when no control passed or failed. */
  score: number | null;
}

/** How many of each list of changes a delta holds, and scan.json lists: the first ones, in the scan's order. */
export const HISTORY_LISTED = 1000;

/** The delta's lists of changed findings. */
export const CHANGE_LISTS = ['new', 'reopened', 'resolved', 'suppressed', 'unsuppressed'] as const;
export type ChangeList = (typeof CHANGE_LISTS)[number];
export type ChangeCounts = Record<ChangeList, number>;

/**
 * A finding's changes in one scan, as bits: the lists of the delta it is in
 * (suppressed aside, which its verdict tells). A finding can be in two: reopened
 * and no longer suppressed.
 */
export const CHANGE_BITS = Object.freeze({ new: 1, reopened: 2, unsuppressed: 4, resolved: 8 });

/** The changes of every finding of one scan, whatever the lists hold. */
export interface FindingChanges {
  /** CHANGE_BITS of the finding (0: unchanged). */
  of(finding: AwsSecurityFinding): number;
}

export interface HistoryDelta {
  stateFile: string;
  scanId: number;
  previousScan: { id: number; startedAt: string } | null;
  /**
   * How many findings each list has in full. The lists hold the first
   * HISTORY_LISTED; the state file holds every one (table scan_changes).
   * Absent in a scan.json of an older hubcheck, whose lists are whole.
   */
  counts?: ChangeCounts;
  /** FAILED, not suppressed, never failed before. Finding Ids. */
  new: string[];
  /** FAILED, not suppressed, failed before and was resolved since. */
  reopened: string[];
  resolved: ResolvedFinding[];
  /** Not PASSED and suppressed in this scan. */
  suppressed: string[];
  /** Still failing, suppressed in the previous scan and no longer (the entry expired or was removed). */
  unsuppressed: string[];
  /** Scores of the scans of the same accounts, oldest first, this one last. */
  trend: TrendPoint[];
  /**
   * Every finding's changes, read from the state file while the run holds it
   * open (never written to scan.json). Without it the changes are the lists'.
   */
  changes?: FindingChanges;
}

/** How many findings each list of the delta has (its lists' lengths when it has no counts). */
export function changeCounts(delta: HistoryDelta): ChangeCounts {
  return (
    delta.counts ?? {
      new: delta.new.length,
      reopened: delta.reopened.length,
      resolved: delta.resolved.length,
      suppressed: delta.suppressed.length,
      unsuppressed: delta.unsuppressed.length,
    }
  );
}

/** Whether the delta's lists name every changed finding (then its changes can be read from them alone). */
export function listsAreWhole(delta: HistoryDelta): boolean {
  const counts = changeCounts(delta);
  return CHANGE_LISTS.every((list) => delta[list].length >= counts[list]);
}

/**
 * The changes of the delta's findings: its live lookup, or else its lists (whole
 * in every scan.json up to HISTORY_LISTED changes of a kind).
 */
export function findingChanges(delta: HistoryDelta | undefined): FindingChanges {
  if (delta?.changes) return delta.changes;
  const bits = delta ? changeBitsOf(delta) : new Map<string, number>();
  return { of: (finding) => bits.get(finding.Id ?? '') ?? 0 };
}

/** The bits of each finding a set of lists names, by Id (only the findings with changes). */
export function changeBitsOf(result: Pick<DeltaResult, 'new' | 'reopened' | 'unsuppressed' | 'resolved'>): Map<string, number> {
  const bits = new Map<string, number>();
  const mark = (id: string, bit: number) => bits.set(id, (bits.get(id) ?? 0) | bit);
  for (const id of result.new) mark(id, CHANGE_BITS.new);
  for (const id of result.reopened) mark(id, CHANGE_BITS.reopened);
  for (const id of result.unsuppressed) mark(id, CHANGE_BITS.unsuppressed);
  for (const r of result.resolved) if (r.now === 'PASSED') mark(r.id, CHANGE_BITS.resolved);
  return bits;
}

export type ChangeKind = 'new' | 'reopened' | 'resolved' | 'unsuppressed' | 'suppressed' | 'status';

export interface FindingEvent {
  findingId: string;
  kind: ChangeKind;
  from: string | null;
  to: string;
}

export interface DeltaResult {
  new: string[];
  reopened: string[];
  resolved: ResolvedFinding[];
  suppressed: string[];
  unsuppressed: string[];
  /** The state to store for every finding seen now or resolved now. */
  records: FindingRecord[];
  events: FindingEvent[];
}

/** The parts of a finding the history keeps. */
export function recordOf(f: AwsSecurityFinding): Omit<FindingRecord, 'firstSeen' | 'lastSeen' | 'state'> {
  const resource = f.Resources?.[0];
  const { ruleId, status, suppressed } = verdictOf(f);
  return {
    id: f.Id ?? '',
    ruleId,
    control: f.Compliance?.SecurityControlId ?? ruleId,
    title: f.Title ?? '',
    severity: f.Severity?.Original ?? f.Severity?.Label ?? 'INFORMATIONAL',
    account: f.AwsAccountId ?? '',
    region: resource?.Region ?? '',
    scope: f.ProductFields?.['hubcheck/Scope'] ?? 'region',
    resourceId: resource?.Id ?? '',
    resourceName: f.ProductFields?.['hubcheck/ResourceName'] ?? null,
    status,
    suppressed,
  };
}

/**
 * @param previous the stored state of every finding of the scanned accounts
 * @param findings this scan's findings, suppressions already marked
 * @param coverage where this scan evaluated each rule cleanly (src/domain/completeness.ts)
 * @param now      this scan's time (first/last seen)
 */
export function computeDelta(
  previous: ReadonlyMap<string, FindingRecord>,
  findings: readonly AwsSecurityFinding[],
  coverage: Coverage,
  now: string,
): DeltaResult {
  const result: DeltaResult = { new: [], reopened: [], resolved: [], suppressed: [], unsuppressed: [], records: [], events: [] };
  const seen = new Set<string>();
  for (const finding of findings) {
    const current = recordOf(finding);
    if (!current.id || seen.has(current.id)) continue;
    seen.add(current.id);
    const before = previous.get(current.id);
    const failed = current.status === 'FAILED';
    let state: LifeState = before?.state ?? 'passing';
    const event = (kind: ChangeKind) => result.events.push({ findingId: current.id, kind, from: before?.status ?? null, to: current.status });

    if (failed) {
      if (!before || before.state === 'passing') {
        state = 'open';
        if (current.suppressed) event('new');
        else {
          result.new.push(current.id);
          event('new');
        }
      } else if (before.state === 'resolved') {
        state = 'open';
        if (!current.suppressed) result.reopened.push(current.id);
        event('reopened');
      }
    } else if (current.status === 'PASSED' && before?.state === 'open') {
      state = 'resolved';
      result.resolved.push(resolvedOf(current, before, 'PASSED'));
      event('resolved');
    } else if (before && before.status !== current.status) {
      event('status');
    }

    if (current.suppressed && current.status !== 'PASSED') {
      result.suppressed.push(current.id);
      if (!before?.suppressed) event('suppressed');
    } else if (before?.suppressed && failed) {
      result.unsuppressed.push(current.id);
      event('unsuppressed');
    }
    result.records.push({ ...current, state, firstSeen: before?.firstSeen ?? now, lastSeen: now });
  }

  for (const before of previous.values()) {
    if (seen.has(before.id) || before.state !== 'open') continue;
    if (!coverage.covers(before.ruleId, before.account, before.region)) continue;
    result.resolved.push(resolvedOf(before, before, 'GONE'));
    result.events.push({ findingId: before.id, kind: 'resolved', from: before.status, to: 'GONE' });
    result.records.push({ ...before, status: 'GONE', state: 'resolved', suppressed: false });
  }
  return result;
}

function resolvedOf(current: Omit<FindingRecord, 'firstSeen' | 'lastSeen' | 'state'>, before: FindingRecord, now: 'PASSED' | 'GONE'): ResolvedFinding {
  return {
    id: current.id,
    ruleId: current.ruleId,
    control: current.control,
    title: current.title,
    severity: before.severity,
    account: current.account,
    region: current.region,
    resourceId: current.resourceId,
    resourceName: current.resourceName,
    now,
    firstSeen: before.firstSeen,
  };
}
