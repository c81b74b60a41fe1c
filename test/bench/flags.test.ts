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
  });

  it('an unknown flag is one line and the usage, exit 2, no stack trace', () => {
    const run = bench('--bogus');
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe("bench: Unknown option '--bogus'");
    expect(lines.slice(1).every((line) => /usage: npm run bench|^\s+npm run bench/.test(line))).toBe(true);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
