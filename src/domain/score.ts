/**
 * The compliance score, after Security Hub's own security score: over controls,
 * not resources. A control FAILS when any of its findings that is not
 * suppressed is FAILED; it PASSES when it has findings and every one that is
 * not suppressed is PASSED; otherwise (only WARNING or NOT_AVAILABLE, or
 * nothing but suppressed findings) it does not count.
 *   score = passed controls / (passed + failed controls) x 100
 * Per benchmark version, over the controls mapped to that version (from
 * Compliance.RelatedRequirements); per CIS section, over the controls mapped to
 * a requirement in that section (a control in two sections counts in both). No
 * control counted: no score (null), shown as "n/a".
 */
import type { Verdict } from './status.js';

export type ControlOutcome = 'FAILED' | 'PASSED' | 'UNKNOWN';

export type Scored = Pick<Verdict, 'ruleId' | 'status' | 'suppressed' | 'requirements'>;

export function controlOutcome(verdicts: readonly Pick<Verdict, 'status' | 'suppressed'>[]): ControlOutcome {
  const counted = verdicts.filter((v) => !v.suppressed);
  if (counted.some((v) => v.status === 'FAILED')) return 'FAILED';
  if (counted.length > 0 && counted.every((v) => v.status === 'PASSED')) return 'PASSED';
  return 'UNKNOWN';
}

export interface ScoreCell {
  passed: number;
  failed: number;
  /** Percent, one decimal; null when no control passed or failed. */
  score: number | null;
}

export interface SectionScore extends ScoreCell {
  section: string;
  name: string;
}

export interface BenchmarkScore extends ScoreCell {
  benchmark: string;
  version: string;
  sections: SectionScore[];
}

export interface ComplianceScores {
  overall: ScoreCell;
  benchmarks: BenchmarkScore[];
}

const SECTION_NAMES: Record<string, Record<string, string>> = {
  '1.2.0': { '1': 'Identity and Access Management', '2': 'Logging', '3': 'Monitoring', '4': 'Networking' },
  default: { '1': 'Identity and Access Management', '2': 'Storage', '3': 'Logging', '4': 'Monitoring', '5': 'Networking' },
};

export function sectionName(version: string, section: string): string {
  return (SECTION_NAMES[version] ?? SECTION_NAMES.default)![section] ?? `Section ${section}`;
}

/** `CIS AWS Foundations Benchmark v5.0.0/1.4` -> version and requirement number. */
export const REQUIREMENT = /^CIS AWS Foundations Benchmark v(\d+\.\d+\.\d+)\/(\S+)$/;

function cell(outcomes: readonly ControlOutcome[]): ScoreCell {
  const passed = outcomes.filter((o) => o === 'PASSED').length;
  const failed = outcomes.filter((o) => o === 'FAILED').length;
  return { passed, failed, score: passed + failed === 0 ? null : Math.round((1000 * passed) / (passed + failed)) / 10 };
}

/**
 * The verdicts a score depends on, each kind once: a control's outcome depends
 * only on which statuses (suppressed or not) its findings have, so a score over
 * any number of findings is computed from a few verdicts per control.
 */
export function distinctVerdicts(verdicts: Iterable<Scored>): Scored[] {
  const kinds = new Map<string, Scored>();
  for (const v of verdicts) {
    const key = `${v.ruleId}\0${v.status}\0${v.suppressed}\0${v.requirements.join('\0')}`;
    if (!kinds.has(key)) kinds.set(key, { ruleId: v.ruleId, status: v.status, suppressed: v.suppressed, requirements: v.requirements });
  }
  return [...kinds.values()];
}

/** The outcome of every control (rule) that has findings. */
export function controlOutcomes(all: Iterable<Scored>): Map<string, ControlOutcome> {
  const verdicts = distinctVerdicts(all);
  const byRule = new Map<string, Scored[]>();
  for (const v of verdicts) {
    const list = byRule.get(v.ruleId);
    if (list) list.push(v);
    else byRule.set(v.ruleId, [v]);
  }
  return new Map([...byRule].map(([ruleId, items]) => [ruleId, controlOutcome(items)]));
}

export function complianceScores(all: Iterable<Scored>): ComplianceScores {
  const verdicts = distinctVerdicts(all);
  const outcome = controlOutcomes(verdicts);
  // version -> section -> rule ids
  const sections = new Map<string, Map<string, Set<string>>>();
  for (const v of verdicts) {
    for (const requirement of v.requirements) {
      const match = REQUIREMENT.exec(requirement);
      if (!match) continue;
      const [, version, number] = match as unknown as [string, string, string];
      const section = number.split('.')[0]!;
      const bySection = sections.get(version) ?? new Map<string, Set<string>>();
      sections.set(version, bySection);
      bySection.set(section, (bySection.get(section) ?? new Set()).add(v.ruleId));
    }
  }
  const numeric = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  const benchmarks = [...sections]
    .sort(([a], [b]) => numeric(a, b))
    .map(([version, bySection]): BenchmarkScore => {
      const all = new Set([...bySection.values()].flatMap((s) => [...s]));
      return {
        benchmark: `cis-${version}`,
        version,
        ...cell([...all].map((id) => outcome.get(id) ?? 'UNKNOWN')),
        sections: [...bySection]
          .sort(([a], [b]) => numeric(a, b))
          .map(([section, ids]) => ({
            section,
            name: sectionName(version, section),
            ...cell([...ids].map((id) => outcome.get(id) ?? 'UNKNOWN')),
          })),
      };
    });
  return { overall: cell([...outcome.values()]), benchmarks };
}

export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : `${Number.isInteger(score) ? score : score.toFixed(1)}%`;
}
