/**
 * What cron needs from separate processes (the built CLI and modules, no moto):
 * a crash in the middle of writing a report leaves the previous file whole, and
 * two runs on one state file never interleave: the second fails clearly while
 * the first holds the lock, and a lock left by a killed process is recovered.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './moto.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (file: string) => pathToFileURL(path.join(ROOT, 'dist', file)).href;
const SNAPSHOT = path.join(ROOT, 'demo/acme-snapshot.json');

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-unattended-'));
});

function node(script: string): { exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; stdout: () => string; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return {
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    stdout: () => out,
    kill: (s) => child.kill(s),
  };
}

async function waitFor(test: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('atomic report writes', () => {
  it('leaves the old file intact when the writer is killed in the middle of a write', async () => {
    const target = path.join(dir, 'report.html');
    await writeFile(target, 'the previous report\n');
    // The child writes a new report and is killed (SIGKILL, no clean-up) after the
    // data is written but before it is flushed and renamed into place.
    const child = node(`
      import { open } from 'node:fs/promises';
      const probe = await open(${JSON.stringify(target)}, 'r');
      const FileHandle = Object.getPrototypeOf(probe);
      await probe.close();
      FileHandle.sync = async function () { process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); };
      const { writeFileAtomic } = await import(${JSON.stringify(dist('src/io/atomic-write.js'))});
      await writeFileAtomic(${JSON.stringify(target)}, 'the new report, '.repeat(100000));
      console.log('not reached');
    `);
    const { signal } = await child.exit;
    expect(signal).toBe('SIGKILL');
    expect(child.stdout()).toBe('');
    expect(await readFile(target, 'utf8')).toBe('the previous report\n');
    // What the crash left is a stray temporary file beside it, never a half report.
    const stray = (await readdir(dir)).filter((f) => f !== 'report.html');
    expect(stray).toHaveLength(1);
    expect(stray[0]).toMatch(/^\.report\.html\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect((await readFile(path.join(dir, stray[0]!), 'utf8')).startsWith('the new report, ')).toBe(true);
  });
});

describe('two runs on one state file', () => {
  it('makes the second run fail clearly while the first holds the lock, and recovers the lock of a killed run', async () => {
    const state = path.join(dir, 'hubcheck-state.sqlite');
    // A first "run" in another process takes the state lock and keeps it.
    const holder = node(`
      const { acquireLock } = await import(${JSON.stringify(dist('src/io/lock.js'))});
      await acquireLock(${JSON.stringify(`${state}.lock`)}, { timeoutMs: 0 });
      console.log('locked');
      setInterval(() => {}, 1000);
    `);
    await waitFor(() => holder.stdout().includes('locked'));

    const args = ['scan', '--replay', SNAPSHOT, '--rules', 'IAM.9', '--no-progress', '--fail-on', 'none', '--state', state];
    const started = Date.now();
    const second = await runCli([...args, '--output-dir', path.join(dir, 'second'), '--lock-timeout', '1']);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/^hubcheck: another hubcheck run holds the lock .*hubcheck-state\.sqlite\.lock \(pid \d+ on .*\); waited 1 s \(if no hubcheck run is active, remove the lock file\)\n$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(existsSync(path.join(dir, 'second'))).toBe(false);

    // The holder dies without releasing: the next run recovers the stale lock.
    holder.kill('SIGKILL');
    await holder.exit;
    expect(existsSync(`${state}.lock`)).toBe(true);
    const third = await runCli([...args, '--output-dir', path.join(dir, 'third'), '--lock-timeout', '0']);
    expect(third.stderr).toContain('History (first scan in the state file)');
    expect(third.code).toBe(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('lets two overlapping runs both finish, one after the other, when the wait is long enough', async () => {
    const state = path.join(dir, 'hubcheck-state.sqlite');
    const args = (name: string) => ['scan', '--replay', SNAPSHOT, '--no-progress', '--fail-on', 'none', '--state', state, '--output-dir', path.join(dir, name)];
    const [a, b] = await Promise.all([runCli(args('a')), runCli(args('b'))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const histories = await Promise.all(['a', 'b'].map(async (n) => JSON.parse(await readFile(path.join(dir, n, 'scan.json'), 'utf8')).history));
    // One of them saw the other as its previous scan: they ran in turn, not interleaved.
    expect(histories.map((h) => h.scanId).sort()).toEqual([1, 2]);
    const later = histories.find((h) => h.scanId === 2);
    expect(later.previousScan.id).toBe(1);
    expect(later.new).toEqual([]);
  });
});
