/**
 * Bad input files × every command that reads a file, through the built CLI as a
 * child process: exit 2, one line on stderr with no raw control character, and
 * within the time and memory limits (max RSS and CPU time from /usr/bin/time).
 * Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { finding } from '../helpers/findings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const DEMO = path.join(ROOT, 'demo', 'acme-snapshot.json');
const TIME = '/usr/bin/time';
const MAX_RSS_KB = 300 * 1024;
const MAX_CPU_S = 5;

type Kind = 'findings' | 'scan' | 'snapshot' | 'config' | 'suppressions';

interface Command {
  name: string;
  kind: Kind;
  /** The argv for a bad file at `file`; `dir` is a scratch folder of this case. */
  args: (file: string, dir: string) => string[];
  /** Where the bad file must be, when the command reads it from a fixed name (merge). */
  place?: (dir: string) => string;
}

let good: { findings: string; scanDir: string };

const COMMANDS: Command[] = [
  { name: 'validate', kind: 'findings', args: (f) => ['validate', f] },
  { name: 'import --dry-run', kind: 'findings', args: (f) => ['import', '--dry-run', '--region', 'us-east-1', f] },
  { name: 'report', kind: 'findings', args: (f, d) => ['report', f, '--output-dir', path.join(d, 'out')] },
  {
    name: 'merge',
    kind: 'findings',
    place: (d) => path.join(d, 'shard', 'findings.asff.json'),
    args: (f, d) => ['merge', path.dirname(f), good.scanDir, '--output-dir', path.join(d, 'out')],
  },
  { name: 'insights', kind: 'findings', args: (f) => ['insights', f] },
  { name: 'scan --config', kind: 'config', args: (f, d) => ['scan', '--replay', DEMO, '--config', f, '--output-dir', path.join(d, 'out')] },
  { name: 'scan --suppressions', kind: 'suppressions', args: (f, d) => ['scan', '--replay', DEMO, '--suppressions', f, '--output-dir', path.join(d, 'out')] },
  { name: 'scan --replay', kind: 'snapshot', args: (f, d) => ['scan', '--replay', f, '--output-dir', path.join(d, 'out')] },
  { name: 'report --scan', kind: 'scan', args: (f, d) => ['report', good.findings, '--scan', f, '--output-dir', path.join(d, 'out')] },
];

const WRONG_TYPES: Record<Kind, string> = {
  findings: JSON.stringify([{ ...finding(), Title: { text: 1 }, Description: 42, Resources: 'x' }]),
  scan: JSON.stringify({ tool: { name: 'hubcheck', version: '1' }, history: { new: [], resolved: [], trend: [{ startedAt: 'x', score: 'high' }] } }),
  snapshot: JSON.stringify({ format: 'hubcheck-snapshot', version: 1, homeRegion: 7, regions: 'all', accounts: 'x' }),
  config: 'regions:\n  a: 1\nfail-on: [1, 2]\n',
  suppressions: 'suppressions:\n  rule: [1]\n',
};

const ESCAPES = Buffer.concat([Buffer.from('\u001b[31mRED\u001b]0;owned\u0007\u001b[2J'), Buffer.from([0x00, 0xff, 0xfe, 0x9b, 0x0d])]);

interface Input {
  name: string;
  /** Makes the bad input at `file` (or returns another path to use instead). */
  make: (file: string, kind: Kind) => Promise<string>;
  env?: (kind: Kind) => Record<string, string>;
}

const INPUTS: Input[] = [
  {
    name: 'FIFO with no writer',
    make: async (file) => {
      await run('mkfifo', [file]);
      return file;
    },
  },
  { name: 'device (/dev/zero, through a symlink)', make: async (file) => (await symlink('/dev/zero', file), file) },
  {
    name: 'directory',
    make: async (file) => {
      await mkdir(file, { recursive: true });
      return file;
    },
  },
  { name: 'empty', make: async (file) => (await writeFile(file, ''), file) },
  { name: 'binary with escape sequences', make: async (file) => (await writeFile(file, ESCAPES), file) },
  {
    name: '100,000-deep nesting',
    make: async (file, kind) => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      await writeFile(file, kind === 'config' || kind === 'suppressions' ? `regions: ${deep}\n` : deep);
      return file;
    },
  },
  { name: 'wrong types', make: async (file, kind) => (await writeFile(file, WRONG_TYPES[kind]), file) },
  {
    name: 'over the size cap',
    make: async (file, kind) => {
      await writeFile(file, `${kind === 'config' || kind === 'suppressions' ? '#' : ' '}${' '.repeat(4096)}${WRONG_TYPES[kind]}`);
      return file;
    },
    env: (kind) => ({ [`HUBCHECK_MAX_${kind.toUpperCase()}_BYTES`]: '4000' }),
  },
  { name: 'BOM before wrong types', make: async (file, kind) => (await writeFile(file, `\uFEFF${WRONG_TYPES[kind]}`), file) },
];

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  rssKb: number;
  cpuS: number;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: { ...process.env, ...env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, timeout: 60_000, encoding: 'utf8', maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr, rssKb: 0, cpuS: 0 });
    });
  });
}

/** Runs the CLI under /usr/bin/time; the last stderr line is its "rss user sys". */
async function hubcheck(args: string[], env: Record<string, string>): Promise<Outcome> {
  const out = await run(TIME, ['-f', '%M %U %S', process.execPath, BIN, ...args], env);
  const lines = out.stderr.trimEnd().split('\n').filter((line) => !line.startsWith('Command exited with non-zero status'));
  const [rss, user, sys] = (lines.pop() ?? '').split(' ').map(Number);
  return { ...out, stderr: lines.length ? `${lines.join('\n')}\n` : '', rssKb: rss ?? 0, cpuS: (user ?? 0) + (sys ?? 0) };
}

let base: string;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('build first: npm run build');
  base = await mkdtemp(path.join(tmpdir(), 'hubcheck-bad-inputs-'));
  const scanDir = path.join(base, 'good');
  await mkdir(scanDir, { recursive: true });
  const findings = path.join(scanDir, 'findings.asff.json');
  await writeFile(findings, JSON.stringify([finding()]));
  await writeFile(path.join(scanDir, 'scan.json'), JSON.stringify({ tool: { name: 'hubcheck', version: '0' }, accounts: [], regions: ['us-east-1'], errors: [] }));
  good = { findings, scanDir };
});

describe.concurrent('bad input files: exit 2, one escaped line, bounded time and memory', () => {
  let n = 0;
  for (const command of COMMANDS) {
    for (const input of INPUTS) {
      it(`${command.name} × ${input.name}`, async () => {
        const dir = path.join(base, `case-${n++}`);
        const file = command.place?.(dir) ?? path.join(dir, `input.${command.kind === 'config' || command.kind === 'suppressions' ? 'yaml' : 'json'}`);
        await mkdir(path.dirname(file), { recursive: true });
        const actual = await input.make(file, command.kind);
        const result = await hubcheck(command.args(actual, dir), input.env?.(command.kind) ?? {});
        expect(result.code, result.stderr).toBe(2);
        const lines = result.stderr.trimEnd().split('\n');
        // validate and import list every problem of a file that parsed, one line each, by design.
        const listsIssues = (command.name === 'validate' || command.name.startsWith('import')) && input.name.includes('wrong types');
        if (listsIssues) for (const line of lines) expect(line.startsWith(actual)).toBe(true);
        else {
          expect(lines, result.stderr).toHaveLength(1);
          expect(lines[0]).toMatch(/^hubcheck: /);
        }
        for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(result.rssKb).toBeGreaterThan(0);
        expect(result.rssKb).toBeLessThan(MAX_RSS_KB);
        expect(result.cpuS).toBeLessThan(MAX_CPU_S);
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
      }, 90_000);
    }
  }
});
