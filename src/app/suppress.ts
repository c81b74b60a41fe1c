/**
 * Stage 3, suppress: mark the findings a suppressions file accepts as
 * SUPPRESSED (new finding objects; the evaluated ones are left as they were),
 * and warn about entries that have expired.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { applySuppressions, type Suppression } from '../suppressions/suppressions.js';

/** What scan.json says about the suppressions file. */
export interface SuppressionRecord {
  file: string;
  entries: number;
  suppressed: number;
  expired: { source: string; rule: string[]; owner: string; expires: string }[];
}

export interface Suppressed {
  readonly findings: readonly AwsSecurityFinding[];
  readonly record?: SuppressionRecord;
}

export function suppress(
  findings: readonly AwsSecurityFinding[],
  suppressions: { file: string; entries: readonly Suppression[] } | undefined,
  now: Date,
  stderr: NodeJS.WritableStream,
): Suppressed {
  if (!suppressions) return Object.freeze({ findings });
  const outcome = applySuppressions(findings, suppressions.entries, now);
  for (const e of outcome.expired) {
    stderr.write(
      `hubcheck: warning: suppression ${e.source} (rule ${e.rule.join(', ')}, owner ${e.owner}) expired on ${e.expires}; it no longer applies\n`,
    );
  }
  return Object.freeze({
    findings: Object.freeze(outcome.findings),
    record: {
      file: suppressions.file,
      entries: suppressions.entries.length,
      suppressed: outcome.suppressed,
      expired: outcome.expired.map((e) => ({ source: e.source, rule: e.rule, owner: e.owner, expires: e.expires })),
    },
  });
}
