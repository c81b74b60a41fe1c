/** Builds the registry (built-in rules plus `--rules-dir`) and applies the selection flags. */
import { builtInRules } from '../../rules/index.js';
import { DEFAULT_BENCHMARK, type BenchmarkVersion } from '../engine/benchmarks.js';
import { Registry, loadRulesDir } from '../engine/registry.js';
import type { Rule } from '../engine/rule.js';
import type { SelectionOptions } from './options.js';

export interface SelectedRules {
  registry: Registry;
  benchmarks: BenchmarkVersion[];
  rules: Rule[];
}

export async function buildRegistry(rulesDir?: string): Promise<Registry> {
  const registry = new Registry(builtInRules);
  if (rulesDir) for (const rule of await loadRulesDir(rulesDir)) registry.add(rule, rulesDir);
  return registry;
}

export async function selectRules(options: SelectionOptions): Promise<SelectedRules> {
  const registry = await buildRegistry(options.rulesDir);
  const benchmarks = options.benchmark && options.benchmark.length > 0 ? options.benchmark : [DEFAULT_BENCHMARK];
  const rules = registry.select({
    benchmarks,
    include: options.rules,
    exclude: options.excludeRules,
    severities: options.severity,
  });
  return { registry, benchmarks, rules };
}
