/**
 * Every recommendation of a benchmark version with what covers it: the rules
 * that evaluate it automatically, or "manual" (with a related rule that can be
 * run by hand where one exists). Used by `hubcheck rules`.
 */
import type { BenchmarkVersion } from './benchmarks.js';
import { MANUAL_REQUIREMENTS, compareRequirements } from './cis-catalog.js';
import { requirementsFor, runsFor } from './registry.js';
import type { Rule } from './rule.js';

export interface RequirementEntry {
  id: string;
  title: string;
  /** Evaluated by at least one rule when this version is selected. */
  automated: boolean;
  /** The rules that evaluate it (automated), each with its Security Hub control id. */
  rules: { id: string; securityHubControlId: string | null }[];
  /** Manual items: CIS status (M, or NS in v1.2.0) and a related rule that can be run by hand. */
  manualStatus?: 'M' | 'NS';
  relatedRule?: string;
}

export function requirementsOf(rules: readonly Rule[], version: BenchmarkVersion): RequirementEntry[] {
  const byId = new Map<string, RequirementEntry>();
  for (const rule of rules) {
    if (!runsFor(rule, version)) continue;
    for (const id of requirementsFor(rule, version)) {
      const entry = byId.get(id) ?? { id, title: rule.title, automated: true, rules: [] };
      entry.rules.push({ id: rule.id, securityHubControlId: rule.securityHubControlId });
      byId.set(id, entry);
    }
  }
  for (const item of MANUAL_REQUIREMENTS.filter((m) => m.version === version)) {
    if (byId.has(item.id)) continue; // evaluated automatically after all: the rule wins
    byId.set(item.id, {
      id: item.id,
      title: item.title,
      automated: false,
      rules: [],
      manualStatus: item.status,
      ...(item.rule && rules.some((r) => r.id === item.rule) ? { relatedRule: item.rule } : {}),
    });
  }
  return [...byId.values()].sort((a, b) => compareRequirements(a.id, b.id));
}
