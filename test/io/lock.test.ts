/** The state lock: a second holder waits a bounded time then fails clearly; stale locks from dead processes are recovered. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, acquireLock, readOwner } from '../../src/io/lock.js';

let file = '';
beforeEach(async () => {
  file = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-lock-')), 'state.sqlite.lock');
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('acquireLock', () => {
  it('writes the owner and removes the lock on release', async () => {
    const lock = await acquireLock(file, { timeoutMs: 0 });
    expect(readOwner(file)).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(file)).toBe(false);
    lock.release(); // twice is harmless
  });

  it('makes a second holder wait, then fail with a message naming the holder', async () => {
    const first = await acquireLock(file, { timeoutMs: 0 });
    const started = Date.now();
    const second = acquireLock(file, { timeoutMs: 400, pollMs: 50 });
    await expect(second).rejects.toBeInstanceOf(LockTimeoutError);
    await expect(second).rejects.toThrow(new RegExp(`another hubcheck run holds the lock .*\\(pid ${process.pid} on ${hostname()}, since .*\\); waited 0.4 s`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    // Fail-fast mode does not wait at all.
    await expect(acquireLock(file, { timeoutMs: 0 })).rejects.toThrow(/another hubcheck run holds the lock/);
    first.release();
  });

  it('lets the waiting run in as soon as the holder releases', async () => {
    const first = await acquireLock(file, { timeoutMs: 0 });
    setTimeout(() => first.release(), 150);
    const second = await acquireLock(file, { timeoutMs: 5000, pollMs: 25 });
    expect(readOwner(file)?.pid).toBe(process.pid);
    second.release();
  });

  it('recovers a lock left by a process that died', async () => {
    const pid = deadPid();
    await writeFile(file, JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const lock = await acquireLock(file, { timeoutMs: 0 });
    expect(readOwner(file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('recovers an unreadable lock once it is old, but not a fresh one (its writer may still be filling it)', async () => {
    await writeFile(file, '');
    await expect(acquireLock(file, { timeoutMs: 0, unreadableStaleMs: 60_000 })).rejects.toThrow(/a process that has not written its details yet/);
    const old = new Date(Date.now() - 120_000);
    await utimes(file, old, old);
    const lock = await acquireLock(file, { timeoutMs: 0, unreadableStaleMs: 60_000 });
    lock.release();
  });

  it('never breaks a lock held from another host', async () => {
    await writeFile(file, JSON.stringify({ pid: deadPid(), host: 'some-other-host', startedAt: '2026-01-01T00:00:00.000Z' }));
    await expect(acquireLock(file, { timeoutMs: 0 })).rejects.toThrow(/held from another host: remove the lock file by hand/);
    expect(JSON.parse(await readFile(file, 'utf8')).host).toBe('some-other-host');
  });
});
