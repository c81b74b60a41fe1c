/**
 * The finding lifecycle in Security Hub, as a pure function of this run's
 * findings and the ACTIVE findings Security Hub already holds for one account
 * and Region (spec sections 3.4 and 3.6, checklist items 7 and 8).
 *
 * - Update: a finding whose Id Security Hub already holds keeps its
 *   `CreatedAt` and `FirstObservedAt`; its `UpdatedAt` is made strictly later
 *   than the stored one (an update with an older or equal UpdatedAt is silently
 *   ignored by Security Hub). A new finding is sent with CreatedAt == UpdatedAt.
 * - Resolve: a finding that is now PASSED is sent as PASSED / INFORMATIONAL
 *   (that is simply the current finding); it counts as resolved when the stored
 *   copy was not PASSED.
 * - Archive: a stored hubcheck finding whose Id this run did not produce (its
 *   resource is gone) is re-imported with RecordState ARCHIVED, Compliance
 *   PASSED and severity INFORMATIONAL, but only when `coverage` (the domain's
 *   completeness, src/domain/completeness.ts) says its rule was evaluated
 *   cleanly for that account and Region in this run. A filtered
 *   or partial scan therefore never archives what it did not look at, and a
 *   finding of a rule that did not run, or that is not hubcheck's, is never
 *   touched.
 * - Customer-owned fields (Workflow, Note, UserDefinedFields,
 *   VerificationState) and fields Security Hub sets itself are never sent.
 * - No Id is sent twice.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { KNOWN_FIELDS } from '../asff/validate.js';
import type { Coverage } from '../domain/completeness.js';

export type { Coverage } from '../domain/completeness.js';

/** Fields that belong to the customer (BatchUpdateFindings): never sent by hubcheck. */
export const CUSTOMER_FIELDS = ['Workflow', 'WorkflowState', 'Note', 'UserDefinedFields', 'VerificationState'] as const;
/** Fields Security Hub sets itself. */
export const SERVICE_FIELDS = ['Region', 'ProcessedAt', 'ProductName', 'CompanyName'] as const;

/** The hubcheck rule that produced a finding, or undefined when it is not one of hubcheck's scan findings. */
export function ruleIdOf(finding: AwsSecurityFinding): string | undefined {
  if (!finding.Id?.startsWith('hubcheck/')) return undefined;
  const fromFields = finding.ProductFields?.['hubcheck/RuleId'];
  const fromGenerator = finding.GeneratorId?.startsWith('hubcheck/') ? finding.GeneratorId.slice('hubcheck/'.length) : undefined;
  const rule = fromFields ?? fromGenerator;
  return rule && finding.Id.startsWith(`hubcheck/${rule}/`) ? rule : undefined;
}

/** A copy without customer-owned and service-set fields. */
export function stripForImport(finding: AwsSecurityFinding): AwsSecurityFinding {
  const copy: Record<string, unknown> = { ...finding };
  for (const field of [...CUSTOMER_FIELDS, ...SERVICE_FIELDS]) delete copy[field];
  return copy as unknown as AwsSecurityFinding;
}

/** An ISO time strictly later than `previous` and not earlier than `now`. */
export function laterThan(previous: string | undefined, now: Date): string {
  const prev = previous === undefined ? Number.NaN : Date.parse(previous);
  const at = Number.isNaN(prev) ? now.getTime() : Math.max(now.getTime(), Math.floor(prev) + 1);
  return new Date(at).toISOString();
}

export interface PlannedFinding {
  finding: AwsSecurityFinding;
  kind: 'current' | 'archive';
  /** A PASSED finding whose stored copy was not PASSED. */
  resolves: boolean;
}

export interface RegionPlanInput {
  account: string;
  region: string;
  /** This run's findings for this account and Region. */
  current: readonly AwsSecurityFinding[];
  /** The ACTIVE findings of this product Security Hub holds for this account and Region. */
  existing: readonly AwsSecurityFinding[];
  coverage: Coverage;
  /** Push time: the floor for every UpdatedAt of an update. */
  now: Date;
  /** Scan time, named in the reason of an archived finding. */
  observedAt: string;
}

export interface RegionPlan {
  findings: PlannedFinding[];
  /** Findings of this run that repeated an Id (only the first was kept). */
  duplicates: string[];
}

export function planRegion(input: RegionPlanInput): RegionPlan {
  const existing = new Map<string, AwsSecurityFinding>();
  for (const f of input.existing) if (f.Id) existing.set(f.Id, f);

  const planned: PlannedFinding[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const finding of input.current) {
    const id = finding.Id ?? '';
    if (seen.has(id)) {
      duplicates.push(id);
      continue;
    }
    seen.add(id);
    const stored = existing.get(id);
    const base = stripForImport(finding);
    if (!stored) {
      planned.push({ finding: base, kind: 'current', resolves: false });
      continue;
    }
    planned.push({
      finding: {
        ...base,
        CreatedAt: stored.CreatedAt ?? base.CreatedAt,
        FirstObservedAt: stored.FirstObservedAt ?? stored.CreatedAt ?? base.FirstObservedAt,
        UpdatedAt: laterThan(stored.UpdatedAt, input.now),
      },
      kind: 'current',
      resolves: base.Compliance?.Status === 'PASSED' && stored.Compliance?.Status !== 'PASSED',
    });
  }

  for (const stored of input.existing) {
    const id = stored.Id ?? '';
    if (seen.has(id)) continue;
    const rule = ruleIdOf(stored);
    if (!rule || !input.coverage.covers(rule, input.account, input.region)) continue;
    seen.add(id);
    planned.push({ finding: archived(stored, input), kind: 'archive', resolves: false });
  }
  return { findings: planned, duplicates };
}

function archived(stored: AwsSecurityFinding, input: RegionPlanInput): AwsSecurityFinding {
  // What GetFindings returns may carry members newer than hubcheck's model of ASFF: keep only those it knows.
  const known = Object.fromEntries(Object.entries(stored).filter(([key]) => KNOWN_FIELDS.has(key))) as unknown as AwsSecurityFinding;
  const base = stripForImport(known);
  const original = stored.FindingProviderFields?.Severity?.Original ?? stored.Severity?.Original;
  const severity = { Label: 'INFORMATIONAL' as const, ...(original ? { Original: original } : {}) };
  return {
    ...base,
    UpdatedAt: laterThan(stored.UpdatedAt, input.now),
    RecordState: 'ARCHIVED',
    Severity: severity,
    FindingProviderFields: { ...base.FindingProviderFields, Severity: severity },
    Compliance: {
      ...base.Compliance,
      Status: 'PASSED',
      StatusReasons: [
        {
          ReasonCode: 'RESOURCE_NOT_FOUND',
          Description: `hubcheck did not find this resource in the scan of ${input.observedAt}; the finding is archived.`,
        },
      ],
    },
  };
}
