/** Counts by status and by severity, the one definition scan.json, the console and every report print. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { COMPLIANCE_STATUSES, SEVERITIES, type ComplianceStatus, type Severity } from '../engine/rule.js';
import { isEvaluated, isFailing, verdictOf, type Verdict } from './status.js';

export interface FindingCounts {
  total: number;
  /** Every finding by Compliance.Status, suppressed ones included. */
  byStatus: Record<ComplianceStatus, number>;
  /** Findings marked SUPPRESSED (of any status but PASSED). */
  suppressed: number;
  /** FAILED and not suppressed. */
  failing: number;
  /** Failing findings by severity label. */
  failingBySeverity: Record<Severity, number>;
  /** NOT_AVAILABLE findings and findings that rest on a read that failed. */
  notEvaluated: number;
}

export function countVerdicts(verdicts: Iterable<Pick<Verdict, 'status' | 'severity' | 'suppressed' | 'incomplete'>>): FindingCounts {
  const byStatus = Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<ComplianceStatus, number>;
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const counts = { total: 0, byStatus, suppressed: 0, failing: 0, failingBySeverity, notEvaluated: 0 };
  for (const v of verdicts) countVerdict(counts, v);
  return counts;
}

/** Adds one verdict to running counts (counting findings as they pass, none of them kept). */
export function countVerdict(counts: FindingCounts, v: Pick<Verdict, 'status' | 'severity' | 'suppressed' | 'incomplete'>): void {
  counts.total++;
  if ((COMPLIANCE_STATUSES as readonly string[]).includes(v.status)) counts.byStatus[v.status as ComplianceStatus]++;
  if (v.suppressed) counts.suppressed++;
  if (!isEvaluated(v)) counts.notEvaluated++;
  if (isFailing(v)) {
    counts.failing++;
    counts.failingBySeverity[v.severity]++;
  }
}

export function countFindings(findings: Iterable<AwsSecurityFinding>): FindingCounts {
  return countVerdicts(verdictsOf(findings));
}

function* verdictsOf(findings: Iterable<AwsSecurityFinding>): Generator<Verdict> {
  for (const f of findings) yield verdictOf(f);
}

