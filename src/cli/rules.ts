/**
 * `hubcheck rules`: per benchmark version, every CIS recommendation and the
 * rule that covers it, manual ones marked manual; `--list` prints the rules
 * themselves. `--json` gives both.
 */
import { Command } from 'commander';
import { BENCHMARK_VERSIONS, type BenchmarkVersion } from '../engine/benchmarks.js';
import { RECOMMENDATION_COUNTS } from '../engine/cis-catalog.js';
import { requirementsFor, runsFor } from '../engine/registry.js';
import { requirementsOf } from '../engine/requirements.js';
import type { Rule } from '../engine/rule.js';
import { addSelectionOptions, type SelectionOptions } from './options.js';
import type { CliIO } from './run-scan.js';
import { selectRules } from './select.js';

/** The width of `hubcheck rules` without --wide: a standard terminal. */
export const NARROW_WIDTH = 100;

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}\u2026`;
}

/** Like table(), with every line cut to `width` columns: the last column gives way, ending in an ellipsis. */
function fittedTable(rows: string[][], width: number): string {
  return table(rows)
    .split('\n')
    .map((line) => clip(line, width))
    .join('\n');
}

function ruleRows(rules: readonly Rule[], versions: readonly BenchmarkVersion[]) {
  return rules.map((rule) => ({
    id: rule.id,
    securityHubControlId: rule.securityHubControlId,
    title: rule.title,
    severity: rule.severity,
    scope: rule.scope,
    resourceType: rule.resourceType,
    requiredActions: rule.requiredActions,
    // The structured steps as written, placeholders unfilled ({{resource}}, ...): a finding fills them.
    remediation: rule.remediation,
    cis: Object.fromEntries(
      versions.map((v) => [`cis-${v}`, { requirements: requirementsFor(rule, v), runs: runsFor(rule, v), status: rule.cisStatus?.[v] ?? null }]),
    ),
  }));
}

export function rulesCommand(io: CliIO): Command {
  const command = new Command('rules')
    .description('list, per benchmark version, every CIS recommendation and the rule that covers it (manual ones marked)')
    .option('--list', 'list the selected rules instead, with their mappings')
    .option('--json', 'print JSON (requirements per version and rules)')
    .option('--all', 'every rule and every benchmark version')
    .option('--wide', `every column in full (default: lines cut to ${NARROW_WIDTH} columns, rules named by their control)`);
  addSelectionOptions(command);
  return command.action(async (opts: SelectionOptions & { json?: boolean; all?: boolean; list?: boolean; wide?: boolean }) => {
    const { registry, benchmarks, rules: selected } = await selectRules(opts);
    const all = registry.all();
    const versions = opts.all ? [...BENCHMARK_VERSIONS] : benchmarks;
    const rules = opts.all ? all : selected;

    if (opts.json) {
      io.stdout.write(
        `${JSON.stringify(
          {
            benchmarks: versions.map((v) => `cis-${v}`),
            requirements: Object.fromEntries(versions.map((v) => [`cis-${v}`, requirementsOf(all, v)])),
            rules: ruleRows(rules, versions),
          },
          null,
          2,
        )}\n`,
      );
      return;
    }
    if (opts.list) {
      const rows = ruleRows(rules, versions).map((r) => [
        r.id,
        r.securityHubControlId ?? '-',
        r.severity,
        ...versions.map((v) => {
          const entry = r.cis[`cis-${v}`];
          return entry && entry.requirements.length > 0 ? entry.requirements.join('+') + (entry.runs ? '' : ' (manual)') : '-';
        }),
      ]);
      const listed = [['RULE', 'CONTROL', 'SEVERITY', ...versions.map((v) => `CIS ${v}`)], ...rows];
      io.stdout.write(`${opts.wide ? table(listed) : fittedTable(listed, NARROW_WIDTH)}\n`);
      return;
    }
    for (const version of versions) {
      const entries = requirementsOf(all, version);
      const automated = entries.filter((e) => e.automated).length;
      io.stdout.write(
        `CIS AWS Foundations Benchmark v${version}: ${entries.length} of ${RECOMMENDATION_COUNTS[version]} recommendations listed, ${automated} automated, ${entries.length - automated} manual\n`,
      );
      // Narrow: a rule is named by its Security Hub control (its id when it has none); --wide names both.
      const ruleName = (r: Pick<Rule, 'id' | 'securityHubControlId'>) => (opts.wide ? (r.securityHubControlId ? `${r.id} (${r.securityHubControlId})` : r.id) : (r.securityHubControlId ?? r.id));
      const rows = entries.map((e) => [
        e.id,
        e.automated ? 'automated' : e.manualStatus === 'NS' ? 'not scored' : 'manual',
        e.automated
          ? e.rules.map(ruleName).join(', ')
          : e.relatedRule
            ? `(related: ${ruleName(all.find((r) => r.id === e.relatedRule) ?? { id: e.relatedRule, securityHubControlId: null })})`
            : '-',
        e.title,
      ]);
      const listed = [['REQ', 'STATUS', opts.wide ? 'RULES' : 'CONTROLS', 'TITLE'], ...(opts.wide ? rows : rows.map(([req = '', status = '', named = '', title = '']) => [req, status, clip(named, 30), title]))];
      io.stdout.write(`${opts.wide ? table(listed) : fittedTable(listed, NARROW_WIDTH)}\n\n`);
    }
  });
}
