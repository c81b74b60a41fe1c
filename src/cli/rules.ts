/** `hubcheck rules`: the rules, their Security Hub controls and CIS requirements per version. */
import { Command } from 'commander';
import { BENCHMARK_VERSIONS } from '../engine/benchmarks.js';
import { requirementsFor, runsFor } from '../engine/registry.js';
import { addSelectionOptions, type SelectionOptions } from './options.js';
import type { CliIO } from './run-scan.js';
import { selectRules } from './select.js';

export function rulesCommand(io: CliIO): Command {
  const command = new Command('rules')
    .description('list the rules selected by the flags (default: every rule of cis-5.0.0), with their mappings')
    .option('--json', 'print JSON instead of a table')
    .option('--all', 'every rule, whatever the benchmark');
  addSelectionOptions(command);
  return command.action(async (opts: SelectionOptions & { json?: boolean; all?: boolean }) => {
    const { registry, benchmarks, rules: selected } = await selectRules(opts);
    const rules = opts.all ? registry.all() : selected;
    const versions = opts.all ? [...BENCHMARK_VERSIONS] : benchmarks;
    const rows = rules.map((rule) => ({
      id: rule.id,
      securityHubControlId: rule.securityHubControlId,
      title: rule.title,
      severity: rule.severity,
      scope: rule.scope,
      resourceType: rule.resourceType,
      requiredActions: rule.requiredActions,
      cis: Object.fromEntries(
        versions.map((v) => [`cis-${v}`, { requirements: requirementsFor(rule, v), runs: runsFor(rule, v), status: rule.cisStatus?.[v] ?? null }]),
      ),
    }));
    if (opts.json) {
      io.stdout.write(`${JSON.stringify({ benchmarks: versions.map((v) => `cis-${v}`), rules: rows }, null, 2)}\n`);
      return;
    }
    const header = ['RULE', 'CONTROL', 'SEVERITY', ...versions.map((v) => `CIS ${v}`)];
    const table = rows.map((r) => [
      r.id,
      r.securityHubControlId ?? '-',
      r.severity,
      ...versions.map((v) => {
        const entry = r.cis[`cis-${v}`];
        return entry && entry.requirements.length > 0 ? entry.requirements.join('+') + (entry.runs ? '' : ' (manual)') : '-';
      }),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
    for (const row of [header, ...table]) io.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
  });
}
