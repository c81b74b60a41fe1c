/** hubcheck's exit codes: the rule that picks one, and the help text that explains them. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { isSuppressed, type HistoryDelta } from '../history/delta.js';
import { severityRank, type Severity } from '../engine/rule.js';
import type { ScanDocument } from '../engine/scan-document.js';

export const EXIT_CODES_HELP = `Exit codes:
  0  clean: nothing reached --fail-on or --fail-on-new, and every check was evaluated
  1  a FAILED finding (not suppressed) at or above --fail-on, or new or reopened
     since the previous scan at or above --fail-on-new
  2  bad usage, a bad config or suppressions file, or a bad input file
  3  the scan finished but some checks (or accounts) could not be evaluated, some
     findings could not be sent to Security Hub, or the scan could not run (no
     credentials, nothing to scan: no account, Region or rule; the state lock
     held by another run). 3 outranks 1.`;

/**
 * 3 when anything could not be evaluated (an account, a Region, a check);
 * otherwise 1 when a FAILED finding that is not suppressed is at or above
 * `--fail-on`, or is new or reopened since the previous scan and at or above
 * `--fail-on-new` (with no history, every failing finding is new); otherwise 0.
 * Incompleteness outranks failure: a verdict over part of an estate is not a
 * verdict, and the missing part may hold worse. Pipelines gating on "non-zero"
 * stop on both; the summary says which checks were missing and why.
 */
export function exitCodeFor(
  findings: readonly AwsSecurityFinding[],
  document: ScanDocument,
  failOn: Severity | 'none',
  gate: { failOnNew?: Severity; delta?: HistoryDelta } = {},
): number {
  if (document.errors.length > 0 || document.counts.byStatus.NOT_AVAILABLE > 0) return 3;
  const failing = findings.filter((f) => f.Compliance?.Status === 'FAILED' && !isSuppressed(f));
  const atLeast = (threshold: Severity) => (f: AwsSecurityFinding) =>
    severityRank((f.Severity?.Label ?? 'INFORMATIONAL') as Severity) >= severityRank(threshold);
  if (failOn !== 'none' && failing.some(atLeast(failOn))) return 1;
  if (gate.failOnNew) {
    const fresh = gate.delta ? new Set([...gate.delta.new, ...gate.delta.reopened]) : undefined;
    if (failing.some((f) => (!fresh || fresh.has(f.Id ?? '')) && atLeast(gate.failOnNew!)(f))) return 1;
  }
  return 0;
}
