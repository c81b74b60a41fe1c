/** Option parsers and the option groups several commands share. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { BENCHMARK_VERSIONS, DEFAULT_BENCHMARK, parseBenchmarkName, type BenchmarkVersion } from '../engine/benchmarks.js';
import { SEVERITIES, type Severity } from '../engine/rule.js';
import { LOG_LEVELS } from '../log.js';

/** Comma-separated and repeatable: `--rules a,b --rules c` -> [a, b, c]. */
export function list(value: string, previous: string[] = []): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return [...previous, ...items];
}

export function benchmarks(value: string, previous: BenchmarkVersion[] = []): BenchmarkVersion[] {
  const versions = list(value).map((name) => {
    const version = parseBenchmarkName(name);
    if (!version) {
      throw new InvalidArgumentError(`unknown benchmark ${name}; use one of ${BENCHMARK_VERSIONS.map((v) => `cis-${v}`).join(', ')}`);
    }
    return version;
  });
  return [...new Set([...previous, ...versions])];
}

export function severity(value: string): Severity {
  const upper = value.trim().toUpperCase();
  if (!(SEVERITIES as readonly string[]).includes(upper)) {
    throw new InvalidArgumentError(`use one of ${SEVERITIES.join(', ')}`);
  }
  return upper as Severity;
}

export function severities(value: string, previous: Severity[] = []): Severity[] {
  return [...previous, ...list(value).map(severity)];
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function region(value: string): string {
  if (!REGION.test(value)) throw new InvalidArgumentError(`${value} is not a Region name like us-east-1`);
  return value;
}

/** `all` (the account's enabled Regions) or an explicit list. */
export function regions(value: string, previous: string[] | 'all' = []): string[] | 'all' {
  if (value.trim() === 'all') return 'all';
  if (previous === 'all') throw new InvalidArgumentError('cannot combine all with a list of Regions');
  return [...new Set([...previous, ...list(value).map(region)])];
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return n;
}

/** An http(s) URL, e.g. a webhook. */
export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http(s) URL');
  return value;
}

export interface SelectionOptions {
  benchmark?: BenchmarkVersion[];
  rules?: string[];
  excludeRules?: string[];
  severity?: Severity[];
  rulesDir?: string;
}

/** --benchmark, --rules, --exclude-rules, --severity, --rules-dir. */
export function addSelectionOptions(command: Command): Command {
  return command
    .option('--benchmark <name>', `CIS benchmark version(s) to evaluate, repeatable (default: cis-${DEFAULT_BENCHMARK})`, benchmarks)
    .option('--rules <ids>', 'run exactly these rules (rule ids or Security Hub control ids, comma-separated)', list)
    .option('--exclude-rules <ids>', 'skip these rules (comma-separated)', list)
    .option('--severity <levels>', 'only rules of these severities (comma-separated)', severities)
    .option('--rules-dir <dir>', 'also load rules from this directory (.js/.mjs files exporting defineRule rules)');
}

/** `--call-timeout` and `--max-attempts` for the Security Hub commands: the same limits, and defaults, as a scan's reads. */
export function addCallLimitOptions(command: Command): Command {
  return command
    .option('--call-timeout <seconds>', 'time one AWS call may take, retries included (default: 60)', positiveInteger)
    .option('--max-attempts <n>', 'HTTP attempts per AWS call, the first included (default: 3)', positiveInteger);
}

export function addLogOption(command: Command): Command {
  return command.addOption(new Option('--log-level <level>', 'log level for the JSON logs on stderr').choices(LOG_LEVELS).default('warn'));
}
