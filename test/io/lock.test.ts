/** The state lock: a second holder waits a bounded time then fails clearly; stale locks from dead processes are recovered. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, acquireLock, leaseFromEnv, readOwner } from '../../src/io/lock.js';

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

  it('never breaks a lock held from another host while its lease lasts', async () => {
    const leaseUntil = new Date(Date.now() + 3_600_000).toISOString();
    await writeFile(file, JSON.stringify({ pid: deadPid(), host: 'some-other-host', startedAt: new Date().toISOString(), leaseUntil }));
    const warnings: string[] = [];
    await expect(acquireLock(file, { timeoutMs: 0, warn: (l) => warnings.push(l) })).rejects.toThrow(
      `held from another host: taken over when its lease expires at ${leaseUntil}; remove the lock file by hand if that run is dead`,
    );
    expect(JSON.parse(await readFile(file, 'utf8')).host).toBe('some-other-host');
    expect(warnings).toEqual([]);
  });

  it('takes over a lock from another host whose lease expired, with a warning', async () => {
    await writeFile(file, JSON.stringify({ pid: 4242, host: 'killed-pod-7f9c', startedAt: '2026-01-01T00:00:00.000Z', leaseUntil: '2026-01-01T06:00:00.000Z' }));
    const warnings: string[] = [];
    const lock = await acquireLock(file, { timeoutMs: 0, warn: (l) => warnings.push(l) });
    expect(warnings).toEqual([`took over the lock ${file} of pid 4242 on killed-pod-7f9c (since 2026-01-01T00:00:00.000Z): its lease expired at 2026-01-01T06:00:00.000Z`]);
    expect(readOwner(file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('judges a lock of an older version (no leaseUntil) by its start time plus the lease', async () => {
    const startedAt = new Date(Date.now() - 10_000).toISOString();
    await writeFile(file, JSON.stringify({ pid: 4242, host: 'other', startedAt }));
    await expect(acquireLock(file, { timeoutMs: 0, leaseMs: 60_000, warn: () => {} })).rejects.toThrow(/another hubcheck run holds the lock/);
    const lock = await acquireLock(file, { timeoutMs: 0, leaseMs: 5_000, warn: () => {} });
    lock.release();
  });

  it('records its lease, from HUBCHECK_LOCK_LEASE_SECONDS or 6 hours', async () => {
    expect(leaseFromEnv({ HUBCHECK_LOCK_LEASE_SECONDS: '90' })).toBe(90_000);
    expect(leaseFromEnv({})).toBe(6 * 3_600_000);
    const lock = await acquireLock(file, { timeoutMs: 0, leaseMs: 90_000 });
    const owner = readOwner(file)!;
    expect(Date.parse(owner.leaseUntil!) - Date.parse(owner.startedAt)).toBe(90_000);
    lock.release();
  });
});
