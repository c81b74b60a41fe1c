/**
 * Stage 3, suppress: mark the findings a suppressions file accepts as
 * SUPPRESSED (new finding objects; the evaluated ones are left as they were),
 * and warn about entries that have expired. Applied one account's findings at
 * a time; the record counts them all.
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

export interface Suppressor {
  /** The findings with the suppressions marked (the same array when there is no suppressions file). */
  apply(findings: readonly AwsSecurityFinding[]): readonly AwsSecurityFinding[];
  /** What scan.json says, over every finding applied so far; none without a suppressions file. */
  record(): SuppressionRecord | undefined;
}

/** Warns once about the expired entries, then marks findings as they are given. */
export function suppressor(
  suppressions: { file: string; entries: readonly Suppression[] } | undefined,
  now: Date,
  stderr: NodeJS.WritableStream,
): Suppressor {
  if (!suppressions) return { apply: (findings) => findings, record: () => undefined };
  const expired = suppressions.entries.filter((e) => e.expiresAt.getTime() <= now.getTime());
  for (const e of expired) {
    stderr.write(
      `hubcheck: warning: suppression ${e.source} (rule ${e.rule.join(', ')}, owner ${e.owner}) expired on ${e.expires}; it no longer applies\n`,
    );
  }
  let suppressed = 0;
  return {
    apply(findings) {
      const outcome = applySuppressions(findings, suppressions.entries, now);
      suppressed += outcome.suppressed;
      return Object.freeze(outcome.findings);
    },
    record: () => ({
      file: suppressions.file,
      entries: suppressions.entries.length,
      suppressed,
      expired: expired.map((e) => ({ source: e.source, rule: e.rule, owner: e.owner, expires: e.expires })),
    }),
  };
}
