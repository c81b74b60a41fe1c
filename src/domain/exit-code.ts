/**
 * The exit code of a run, from what it found: 3 when anything could not be
 * evaluated (an account, a Region, a check, a finding that could not be
 * delivered); otherwise 1 when a failing finding is at or above `failOn`, or is
 * new or reopened and at or above `failOnNew` (with no history, every failing
 * finding is new); otherwise 0. Incompleteness outranks failure: a verdict over
 * part of an estate is not a verdict, and the missing part may hold worse.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { severityRank, type Severity } from '../engine/rule.js';
import { countFindings } from './counts.js';
import { isFailing, verdictOf } from './status.js';

export interface ExitGate {
  failOn: Severity | 'none';
  failOnNew?: Severity;
  /** Ids of the findings new or reopened since the previous scan; undefined: no history, all are new. */
  fresh?: ReadonlySet<string>;
}

export interface RunFacts {
  findings: readonly AwsSecurityFinding[];
  /** Scan issues and accounts that could not be scanned. */
  errors: number;
  /** Findings could not be delivered where they were to go (Security Hub). */
  undelivered?: boolean;
}

export function exitCodeOf(run: RunFacts, gate: ExitGate): 0 | 1 | 3 {
  if (run.errors > 0 || run.undelivered || countFindings(run.findings).notEvaluated > 0) return 3;
  const failing = run.findings.filter((f) => isFailing(verdictOf(f)));
  const atLeast = (threshold: Severity) => (f: AwsSecurityFinding) => severityRank(verdictOf(f).severity) >= severityRank(threshold);
  if (gate.failOn !== 'none' && failing.some(atLeast(gate.failOn))) return 1;
  if (gate.failOnNew) {
    const threshold = gate.failOnNew;
    if (failing.some((f) => (!gate.fresh || gate.fresh.has(f.Id ?? '')) && atLeast(threshold)(f))) return 1;
  }
  return 0;
}
