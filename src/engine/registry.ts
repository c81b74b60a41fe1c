/**
 * The rule registry: the built-in rules (handed over by the CLI from
 * rules/index.ts) plus user rules from `--rules-dir`, each validated at load,
 * and selection by benchmark version, id and severity.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCHMARK_VERSIONS, type BenchmarkVersion } from './benchmarks.js';
import { UsageError } from '../errors.js';
import { SEVERITIES, type CisMapping, type Rule, type Severity } from './rule.js';

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;
const CIS_STATUSES = new Set(['S', 'NS', 'A', 'M', 'A/M?']);

/** Does the rule run when `version` is selected? Mapped or covered, and not Manual / Not Scored there. */
export function runsFor(rule: Rule, version: BenchmarkVersion): boolean {
  const mapped = rule.cis[version] !== undefined || rule.cisExtra?.[version] !== undefined;
  const status = rule.cisStatus?.[version];
  return mapped && status !== 'M' && status !== 'NS';
}

/** The CIS requirements a rule covers in one version: Security Hub's mapping first, then the extras. */
export function requirementsFor(rule: Rule, version: BenchmarkVersion): string[] {
  const list = (m: CisMapping | undefined) => {
    const value = m?.[version];
    return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  };
  return [...list(rule.cis), ...list(rule.cisExtra)];
}

export interface Selection {
  benchmarks: readonly BenchmarkVersion[];
  /** Rule ids or Security Hub control ids; when given, exactly these run. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Only rules whose FAILED severity is one of these. */
  severities?: readonly Severity[];
}

export class Registry {
  private readonly byId = new Map<string, Rule>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) this.add(rule, 'built-in rules');
  }

  add(rule: Rule, source: string): void {
    if (this.byId.has(rule.id)) {
      throw new UsageError(`${source}: rule id ${rule.id} is already defined`);
    }
    this.byId.set(rule.id, rule);
  }

  all(): Rule[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  select(selection: Selection): Rule[] {
    let rules: Rule[];
    if (selection.include && selection.include.length > 0) {
      rules = selection.include.flatMap((id) => this.resolve(id));
    } else {
      rules = this.all().filter((rule) => selection.benchmarks.some((v) => runsFor(rule, v)));
    }
    if (selection.exclude && selection.exclude.length > 0) {
      const excluded = new Set(selection.exclude.flatMap((id) => this.resolve(id)));
      rules = rules.filter((rule) => !excluded.has(rule));
    }
    if (selection.severities && selection.severities.length > 0) {
      const wanted = new Set(selection.severities);
      rules = rules.filter((rule) => wanted.has(rule.severity));
    }
    return [...new Set(rules)].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** A rule id or a Security Hub control id (`IAM.9`) -> the rules it names. */
  private resolve(name: string): Rule[] {
    const rule = this.byId.get(name);
    if (rule) return [rule];
    const byControl = this.all().filter((r) => r.securityHubControlId?.toLowerCase() === name.toLowerCase());
    if (byControl.length > 0) return byControl;
    throw new UsageError(`unknown rule id: ${name} (hubcheck rules lists them)`);
  }
}

/**
 * Checks a rule object loaded at run time (a `--rules-dir` plugin) against the
 * interface, with a message that says which field is wrong.
 */
export function validateRule(candidate: unknown, source: string): Rule {
  const bad = (message: string): never => {
    throw new UsageError(`${source}: ${message}`);
  };
  if (!candidate || typeof candidate !== 'object') bad('the default export is not a rule (use defineRule)');
  const r = candidate as Record<string, unknown>;
  const id = r.id;
  if (typeof id !== 'string' || !RULE_ID.test(id)) bad('id must be a kebab-case string');
  const where = `rule ${String(id)}`;
  for (const field of ['title'] as const) {
    if (typeof r[field] !== 'string' || r[field].trim() === '') bad(`${where}: ${field} must be a non-empty string`);
  }
  if (r.securityHubControlId !== null && typeof r.securityHubControlId !== 'string') {
    bad(`${where}: securityHubControlId must be a string or null`);
  }
  if (!SEVERITIES.includes(r.severity as Severity) || r.severity === 'INFORMATIONAL') {
    bad(`${where}: severity must be one of LOW, MEDIUM, HIGH, CRITICAL`);
  }
  if (r.scope !== 'account' && r.scope !== 'region') bad(`${where}: scope must be 'account' or 'region'`);
  const types = Array.isArray(r.resourceType) ? r.resourceType : [r.resourceType];
  if (types.length === 0 || types.some((t) => typeof t !== 'string' || t === '')) {
    bad(`${where}: resourceType must be an ASFF resource type or a list of them`);
  }
  for (const field of ['cis', 'cisExtra'] as const) {
    const mapping = r[field];
    if (field === 'cisExtra' && mapping === undefined) continue;
    if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) bad(`${where}: ${field} must be an object`);
    for (const [version, req] of Object.entries(mapping as object)) {
      if (!(BENCHMARK_VERSIONS as readonly string[]).includes(version)) bad(`${where}: ${field} has unknown version ${version}`);
      const reqs = Array.isArray(req) ? req : [req];
      if (reqs.length === 0 || reqs.some((x) => typeof x !== 'string' || x === '')) {
        bad(`${where}: ${field}.${version} must be a requirement number or a list of them`);
      }
    }
  }
  if (r.cisStatus !== undefined) {
    for (const [version, status] of Object.entries(r.cisStatus as object)) {
      if (!(BENCHMARK_VERSIONS as readonly string[]).includes(version) || !CIS_STATUSES.has(status as string)) {
        bad(`${where}: cisStatus.${version} must be one of S, NS, A, M, A/M?`);
      }
    }
  }
  if (!Array.isArray(r.requiredActions) || r.requiredActions.some((a) => typeof a !== 'string' || !IAM_ACTION.test(a))) {
    bad(`${where}: requiredActions must be a list of IAM actions like iam:GetAccountSummary`);
  }
  const remediation = r.remediation as { text?: unknown; url?: unknown } | undefined;
  if (!remediation || typeof remediation.text !== 'string' || remediation.text === '' || typeof remediation.url !== 'string' || !/^https?:\/\//.test(remediation.url)) {
    bad(`${where}: remediation needs a text and an http(s) url`);
  }
  if (r.reasonCodes !== undefined) {
    const codes = r.reasonCodes as Record<string, unknown> | null;
    if (!codes || typeof codes !== 'object' || Array.isArray(codes)) bad(`${where}: reasonCodes must be an object of CODE: meaning`);
    for (const [code, meaning] of Object.entries(codes as object)) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(code) || typeof meaning !== 'string' || meaning === '') {
        bad(`${where}: reasonCodes.${code} must be an UPPER_SNAKE code with a non-empty meaning`);
      }
    }
  }
  if (typeof r.evaluate !== 'function') bad(`${where}: evaluate must be a function`);
  if (r.params !== undefined && (typeof r.params !== 'object' || r.params === null)) bad(`${where}: params must be an object`);
  return { ...(r as unknown as Rule), params: (r.params ?? {}) as Rule['params'] };
}

/**
 * Loads every `.js` / `.mjs` file under `dir` (a `--rules-dir`): each must
 * default-export a rule made with defineRule, or an array of them.
 */
export async function loadRulesDir(dir: string): Promise<Rule[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--rules-dir ${dir}: not a readable directory`);
  const files = (await readdir(dir, { recursive: true }))
    .filter((f) => /\.(m?js)$/.test(f) && !/\.test\.m?js$/.test(f))
    .sort();
  const rules: Rule[] = [];
  for (const file of files) {
    const full = path.resolve(dir, file);
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(full).href)) as { default?: unknown };
    } catch (error) {
      throw new UsageError(`${full}: cannot load: ${(error as Error).message.split('\n')[0]}`);
    }
    const exported = Array.isArray(module.default) ? module.default : [module.default];
    for (const candidate of exported) rules.push(validateRule(candidate, full));
  }
  if (rules.length === 0) throw new UsageError(`--rules-dir ${dir}: no rule files (.js or .mjs) found`);
  return rules;
}
