/**
 * The config file of `hubcheck scan`: `--config FILE`, or `hubcheck.config.json`,
 * `hubcheck.config.yaml` or `hubcheck.config.yml` in the working directory.
 * One key per scan flag, camelCase (`failOn`) or as the flag is spelled
 * (`fail-on`); values are checked by the same parsers as the flags, so a bad
 * value gets the same message. Flags given on the command line win over the
 * file. Relative paths in the file are relative to the file's directory.
 *
 * Unknown keys, wrong types and malformed files are usage errors (one line,
 * exit 2) naming file:line where the line is known.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { checkYamlDepth, readInputText, yaml } from '../io/read-input.js';
import { LOG_LEVELS } from '../log.js';
import { benchmarks, httpUrl, list, positiveInteger, region, regions, severities, severity } from './options.js';

export const CONFIG_FILES = ['hubcheck.config.json', 'hubcheck.config.yaml', 'hubcheck.config.yml'];

type Converter = (value: unknown, ctx: { dir: string }) => unknown;

const str: Converter = (v) => {
  if (typeof v !== 'string' || v.trim() === '') throw new InvalidArgumentError('must be a non-empty string');
  return v;
};
const pathValue: Converter = (v, ctx) => path.resolve(ctx.dir, str(v, ctx) as string);
const bool: Converter = (v) => {
  if (typeof v !== 'boolean') throw new InvalidArgumentError('must be true or false');
  return v;
};
/** A list flag: a list of strings, or one comma-separated string, through the flag's own parser. */
const listOf =
  <T>(parse: (value: string, previous?: T) => T): Converter =>
  (v) => {
    const items = Array.isArray(v) ? v : [v];
    if (items.length === 0 || items.some((i) => typeof i !== 'string' || i.trim() === '')) {
      throw new InvalidArgumentError('must be a string or a list of strings');
    }
    return items.reduce<T | undefined>((acc, item) => parse(item as string, acc), undefined);
  };
const integer =
  (min: number): Converter =>
  (v) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new InvalidArgumentError(`must be a whole number of ${min} or more`);
    return v;
  };
const oneOf =
  (values: readonly string[]): Converter =>
  (v) => {
    if (typeof v !== 'string' || !values.includes(v)) throw new InvalidArgumentError(`must be one of ${values.join(', ')}`);
    return v;
  };

/** Every option of `hubcheck scan` but --config, with how its value is read from the file. */
export const CONFIG_KEYS: Record<string, Converter> = {
  profile: str,
  regions: (v) => {
    if (v === 'all') return 'all';
    return listOf(regions)(v, { dir: '' });
  },
  homeRegion: (v, ctx) => region(str(v, ctx) as string),
  outputDir: pathValue,
  format: listOf(list),
  failOn: (v, ctx) => {
    const s = str(v, ctx) as string;
    return s.toLowerCase() === 'none' ? 'none' : severity(s);
  },
  failOnNew: (v, ctx) => severity(str(v, ctx) as string),
  record: pathValue,
  replay: pathValue,
  concurrency: (v) => positiveInteger(String(integer(1)(v, { dir: '' }))),
  progress: bool,
  benchmark: listOf(benchmarks),
  rules: listOf(list),
  excludeRules: listOf(list),
  severity: listOf(severities),
  rulesDir: pathValue,
  logLevel: oneOf(LOG_LEVELS),
  state: (v, ctx) => (v === false ? false : pathValue(v, ctx)),
  historyRetentionDays: integer(1),
  suppressions: pathValue,
  notify: (v, ctx) => httpUrl(str(v, ctx) as string),
  lockTimeout: integer(0),
  accounts: listOf(list),
  organization: bool,
  roleName: str,
  externalId: str,
  shard: str,
  accountConcurrency: (v) => positiveInteger(String(integer(1)(v, { dir: '' }))),
  securityhub: bool,
  parity: bool,
  callTimeout: integer(1),
  maxAttempts: integer(1),
  timeout: integer(1),
};

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface LoadedConfig {
  file: string;
  values: Record<string, unknown>;
}

/** The config file to read: --config, else the one in the working directory, else none. */
export function findConfigFile(explicit: string | undefined, cwd = process.cwd()): string | undefined {
  if (explicit) return explicit;
  const found = CONFIG_FILES.map((name) => path.join(cwd, name)).filter((file) => existsSync(file));
  if (found.length > 1) throw new UsageError(`found ${found.map((f) => path.basename(f)).join(' and ')}; keep one, or pass --config`);
  return found[0];
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  return parseConfig(await readInputText(file, 'config'), file);
}

export function parseConfig(text: string, file: string): LoadedConfig {
  const { LineCounter, isMap, parseDocument } = yaml();
  checkYamlDepth(text, file, 'config');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => `${file}:${offset === undefined ? 1 : lineCounter.linePos(offset).line}`;
  const firstError = doc.errors[0];
  if (firstError) throw new UsageError(`${at(firstError.pos[0])}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${firstError.message.split('\n')[0]}`);
  const root = doc.contents;
  if (root === null) return { file, values: {} };
  if (!isMap(root)) throw new UsageError(`${at(root.range?.[0])}: the config must be a mapping of option names to values`);
  const dir = path.dirname(path.resolve(file));
  const values: Record<string, unknown> = {};
  for (const pair of root.items) {
    const keyNode = pair.key as { value?: unknown; range?: number[] } | null;
    const where = at(keyNode?.range?.[0]);
    const raw = keyNode?.value;
    const key = typeof raw === 'string' ? camel(raw) : '';
    const convert = CONFIG_KEYS[key];
    if (!convert) throw new UsageError(`${where}: unknown key ${JSON.stringify(raw)}; known keys: ${Object.keys(CONFIG_KEYS).join(', ')}`);
    if (key in values) throw new UsageError(`${where}: ${key} is set twice`);
    const value = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
    try {
      values[key] = convert(value, { dir });
    } catch (error) {
      throw new UsageError(`${where}: ${String(raw)}: ${(error as Error).message}`);
    }
  }
  return { file, values };
}

/** Fills every option the command line did not set from the config; flags win. */
export function applyConfig<T extends object>(command: Command, options: T, config: LoadedConfig | undefined): T {
  if (!config) return options;
  const merged = { ...options } as Record<string, unknown>;
  for (const [key, value] of Object.entries(config.values)) {
    if (command.getOptionValueSource(key) === 'cli') continue;
    merged[key] = value;
  }
  return merged as T;
}
