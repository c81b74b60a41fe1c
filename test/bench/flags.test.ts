/**
 * `npm run bench` takes flags like the CLI does: --help prints the usage, and a
 * flag it does not know is one line and the usage with exit 2, not a stack trace.
 * Runs the built bench (npm run build).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH = path.join(ROOT, 'dist/bench/run.js');
const bench = (...args: string[]) => spawnSync(process.execPath, [BENCH, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('bench flags', () => {
  it('--help prints the usage of both modes and exits 0', () => {
    const run = bench('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run bench -- \[--scale N\]/);
    expect(run.stdout).toContain('--accounts N');
    expect(run.stdout).toMatch(/--accounts N \[--shards N\]/);
    expect(run.stdout).toMatch(/--shards N +after the unsharded scan, scan as N shards/);
  });

  it('an unknown flag is one line and the usage, exit 2, no stack trace', () => {
    const run = bench('--bogus');
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe("bench: Unknown option '--bogus'");
    // The usage: its command lines, then the options explained (indented), nothing else.
    expect(lines[1]).toMatch(/^usage: npm run bench/);
    expect(lines.slice(1).every((line) => /usage: npm run bench|^\s+npm run bench|^$|^\s+--|^\s{8,}\S/.test(line))).toBe(true);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--shards needs --accounts, and from 2 to that many shards: one line, exit 2', () => {
    const alone = bench('--shards', '4');
    expect(alone.status).toBe(2);
    expect(alone.stderr.split('\n')[0]).toBe('bench: --shards needs --accounts');
    for (const shards of ['1', '9', 'x']) {
      const run = bench('--accounts', '8', '--shards', shards);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('bench: --shards must be an integer from 2 to --accounts (8)\n');
    }
  });
});
