/**
 * The exit code of a run, from what it found: 3 when anything could not be
 * evaluated (an account, a Region, a check, a finding that could not be
 * delivered); otherwise 1 when a failing finding is at or above `failOn`, or is
 * new or reopened and at or above `failOnNew` (with no history, every failing
 * finding is new); otherwise 0. Incompleteness outranks failure: a verdict over
 * part of an estate is not a verdict, and the missing part may hold worse.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { SEVERITIES, severityRank, type Severity } from '../engine/rule.js';
import { countFindings, type FindingCounts } from './counts.js';

export interface ExitGate {
  failOn: Severity | 'none';
  failOnNew?: Severity;
  /**
   * Failing findings new or reopened since the previous scan, by severity (the
   * history's pass counts them); undefined: no history, every failing one is new.
   */
  freshFailing?: Readonly<Partial<Record<Severity, number>>>;
}

export interface RunFacts {
  /** Read once, only when `counts` are not given. */
  findings: Iterable<AwsSecurityFinding>;
  /** The counts of `findings` (scan.json's), when known. */
  counts?: FindingCounts;
  /** Scan issues and accounts that could not be scanned. */
  errors: number;
  /** Findings could not be delivered where they were to go (Security Hub). */
  undelivered?: boolean;
}

export function exitCodeOf(run: RunFacts, gate: ExitGate): 0 | 1 | 3 {
  if (run.errors > 0 || run.undelivered) return 3;
  const counts = run.counts ?? countFindings(run.findings);
  if (counts.notEvaluated > 0) return 3;
  const anyAtLeast = (bySeverity: Readonly<Partial<Record<Severity, number>>>, threshold: Severity) =>
    SEVERITIES.some((s) => severityRank(s) >= severityRank(threshold) && (bySeverity[s] ?? 0) > 0);
  if (gate.failOn !== 'none' && anyAtLeast(counts.failingBySeverity, gate.failOn)) return 1;
  if (gate.failOnNew && anyAtLeast(gate.freshFailing ?? counts.failingBySeverity, gate.failOnNew)) return 1;
  return 0;
}
