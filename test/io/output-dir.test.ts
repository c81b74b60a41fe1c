/** Output folders: checked before any work, created with a mkdir that cannot loop. */
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkOutputDir, checkOutputPaths, mkdirBounded } from '../../src/io/output-dir.js';
import { cli } from '../helpers/cli.js';

const root = () => mkdtemp(path.join(tmpdir(), 'output-dir-'));

describe('mkdirBounded', () => {
  it('creates missing parents one at a time', async () => {
    const dir = path.join(await root(), 'a', 'b', 'c');
    mkdirBounded(dir);
    expect(existsSync(dir)).toBe(true);
    mkdirBounded(dir);
  });

  it('fails at once under /proc, where a recursive mkdir loops forever', () => {
    const started = Date.now();
    expect(() => mkdirBounded('/proc/x/y')).toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails with ENOTDIR when a file is in the way', async () => {
    const base = await root();
    await writeFile(path.join(base, 'file'), 'x');
    expect(() => mkdirBounded(path.join(base, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });
});

describe('checkOutputDir', () => {
  it('accepts an existing or creatable folder and creates nothing', async () => {
    const base = await root();
    expect(checkOutputDir(base)).toEqual({ existing: base, missing: [] });
    const deep = path.join(base, 'x', 'y');
    expect(checkOutputDir(deep)).toEqual({ existing: base, missing: [path.join(base, 'x'), deep] });
    expect(existsSync(path.join(base, 'x'))).toBe(false);
  });

  it('refuses a folder under a file, naming the file', async () => {
    const base = await root();
    await writeFile(path.join(base, 'report'), 'x');
    expect(() => checkOutputDir(path.join(base, 'report', 'out'))).toThrow(new UsageError(`cannot use output folder ${path.join(base, 'report', 'out')}: ${path.join(base, 'report')} is a file, not a folder`));
  });

  it('refuses /proc/x at once', () => {
    expect(() => checkOutputDir('/proc/x')).toThrow(/cannot use output folder \/proc\/x: cannot create \/proc\/x/);
  });

  // Skipped as root (CI's container runs as root): permission bits do not stop root, so there is no unwritable folder to make.
  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write (skipped as root, who can write anywhere)', async () => {
    const base = await root();
    const locked = path.join(base, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o555);
    expect(() => checkOutputDir(locked)).toThrow(/is not writable \(EACCES\)/);
    expect(() => checkOutputDir(path.join(locked, 'sub'))).toThrow(/cannot create/);
  });

  it('refuses a state path that is a folder', async () => {
    const base = await root();
    expect(() => checkOutputPaths(path.join(base, 'out'), base)).toThrow(/cannot use state file .*: it is not a regular file/);
  });
});

describe('commands check their output folder first', () => {
  it('report --output-dir /proc/x exits 2 at once', async () => {
    const base = await root();
    const file = path.join(base, 'findings.asff.json');
    await writeFile(file, '[]');
    const started = Date.now();
    const result = await cli(['report', file, '--output-dir', '/proc/x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hubcheck: cannot use output folder \/proc\/x/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('scan with an output folder under a file exits 2 before scanning (no AWS endpoint is reachable here)', async () => {
    const base = await root();
    await writeFile(path.join(base, 'file'), 'x');
    const result = await cli(['scan', '--regions', 'us-east-1', '--output-dir', path.join(base, 'file', 'out'), '--no-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a file, not a folder\n$/);
  }, 60_000);
});
