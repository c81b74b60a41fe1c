/** The scan config file: every scan flag has a key, values are validated like flags, flags win, errors are one line. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONFIG_KEYS, findConfigFile, parseConfig } from '../../src/cli/config.js';
import { scanCommand } from '../../src/cli/scan.js';
import { UsageError } from '../../src/errors.js';
import { cli } from '../helpers/cli.js';

// Each test runs a CLI scan of the demo replay: seconds alone, far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/** A folder of the test's own: nothing at module level for a still-running test to write through. */
const ownDir = () => mkdtemp(path.join(tmpdir(), 'hubcheck-config-'));

const io = { stdout: process.stdout, stderr: process.stderr as NodeJS.WriteStream };

describe('config keys', () => {
  it('cover every option of hubcheck scan but --config itself', () => {
    const flags = scanCommand(io, () => undefined)
      .options.map((o) => o.attributeName())
      .filter((name) => name !== 'config');
    expect([...new Set(flags)].sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  });
});

describe('parseConfig', () => {
  it('reads JSON and YAML, camelCase or flag spelling, through the flags\' parsers, paths relative to the file', () => {
    const json = parseConfig(
      JSON.stringify({ regions: 'us-east-1,eu-west-1', 'fail-on': 'high', failOnNew: 'critical', format: ['html', 'md'], state: 'state/h.sqlite', progress: false, concurrency: 4 }),
      '/etc/hubcheck/hubcheck.config.json',
    );
    expect(json.values).toEqual({
      regions: ['us-east-1', 'eu-west-1'],
      failOn: 'HIGH',
      failOnNew: 'CRITICAL',
      format: ['html', 'md'],
      state: '/etc/hubcheck/state/h.sqlite',
      progress: false,
      concurrency: 4,
    });
    const yaml = parseConfig('benchmark: [cis-1.4.0, cis-5.0.0]\nstate: false\nregions: all\nhistory-retention-days: 30\n', '/x/c.yaml');
    expect(yaml.values).toEqual({ benchmark: ['1.4.0', '5.0.0'], state: false, regions: 'all', historyRetentionDays: 30 });
  });

  it.each([
    ['{"regoins": ["us-east-1"]}', 'c.json', /^c\.json:1: unknown key "regoins"; known keys: /],
    ['failOn: HIGH\nconcurrency: "4"\n', 'c.yaml', /^c\.yaml:2: concurrency: must be a whole number of 1 or more$/],
    ['regions: [narnia]\n', 'c.yaml', /^c\.yaml:1: regions: narnia is not a Region name like us-east-1$/],
    ['failOn: extreme\n', 'c.yaml', /^c\.yaml:1: failOn: use one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL$/],
    ['progress: "no"\n', 'c.yaml', /^c\.yaml:1: progress: must be true or false$/],
    ['notify: ftp://example.com/x\n', 'c.yaml', /^c\.yaml:1: notify: expected an http\(s\) URL$/],
    ['fail-on: HIGH\nfailOn: LOW\n', 'c.yaml', /^c\.yaml:2: failOn is set twice$/],
    ['{"regions": ["us-east-1",]', 'c.json', /^c\.json:1: not valid JSON: /],
    ['- a\n- b\n', 'c.yaml', /^c\.yaml:1: the config must be a mapping of option names to values$/],
  ])('rejects %j in one line', (text, file, message) => {
    let error: unknown;
    try {
      parseConfig(text, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('findConfigFile', () => {
  it('prefers --config, finds hubcheck.config.json or .yaml in the directory, and refuses two', async () => {
    const dir = await ownDir();
    expect(findConfigFile(undefined, dir)).toBeUndefined();
    await writeFile(path.join(dir, 'hubcheck.config.yaml'), 'progress: false\n');
    expect(findConfigFile(undefined, dir)).toBe(path.join(dir, 'hubcheck.config.yaml'));
    expect(findConfigFile('/other.json', dir)).toBe('/other.json');
    await writeFile(path.join(dir, 'hubcheck.config.json'), '{}');
    expect(() => findConfigFile(undefined, dir)).toThrow(/found hubcheck.config.json and hubcheck.config.yaml; keep one, or pass --config/);
  });
});

describe('hubcheck scan --config', () => {
  it('runs the scan the file describes, and flags given on the command line win', async () => {
    const dir = await ownDir();
    const config = path.join(dir, 'hubcheck.config.yaml');
    await writeFile(
      config,
      `replay: ${path.resolve('demo/acme-snapshot.json')}\nrules: [IAM.5]\noutputDir: out\nformat: md\nfailOn: MEDIUM\nprogress: false\nstate: history.sqlite\n`,
    );
    const fromFile = await cli(['scan', '--config', config]);
    expect(fromFile.code).toBe(1); // IAM.5 failures are MEDIUM
    expect(await readFile(path.join(dir, 'out', 'summary.md'), 'utf8')).toContain('IAM.5');
    expect(fromFile.stderr).toContain(`State: ${path.join(dir, 'history.sqlite')}`);

    const overridden = await cli(['scan', '--config', config, '--fail-on', 'none', '--output-dir', path.join(dir, 'cli-out'), '--format', 'csv']);
    expect(overridden.code).toBe(0);
    expect(await readFile(path.join(dir, 'cli-out', 'findings.csv'), 'utf8')).toContain('IAM.5');
  });

  it('rejects a bad config in one line with exit 2, before scanning', async () => {
    const dir = await ownDir();
    const config = path.join(dir, 'bad.json');
    await writeFile(config, '{\n  "rules": ["IAM.5"],\n  "lockTimeout": -5\n}\n');
    const result = await cli(['scan', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`hubcheck: ${config}:3: lockTimeout: must be a whole number of 0 or more\n`);
  });
});
