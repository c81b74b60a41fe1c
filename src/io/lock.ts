/**
 * An exclusive lock file beside the state file, so that two runs on the same
 * state (two cron jobs that overlap) never interleave.
 *
 * - Taken by creating `<file>` exclusively (O_EXCL), holding the owner's pid,
 *   host and start time as JSON.
 * - A second run waits up to `timeoutMs` (polling), then fails with a message
 *   that names the holder. `timeoutMs: 0` fails at once.
 * - Stale locks are recovered: a lock whose process no longer exists on this
 *   host is removed, and so is an unreadable lock (its writer died between
 *   creating and filling it) once it is older than a few seconds. A lock held
 *   from another host is never broken automatically: the message says so.
 * - Released by `release()` and, as a last resort, when the process exits; a
 *   killed process leaves a stale lock that the next run recovers.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface Lock {
  readonly file: string;
  release(): void;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    message: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(message);
  }
}

export interface LockOptions {
  /** How long to wait for another run to finish; 0 fails at once. */
  timeoutMs: number;
  pollMs?: number;
  /** An unreadable lock older than this is stale. */
  unreadableStaleMs?: number;
}

export async function acquireLock(file: string, options: LockOptions): Promise<Lock> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const deadline = Date.now() + options.timeoutMs;
  const poll = options.pollMs ?? 200;
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (;;) {
    if (tryCreate(file, me)) return held(file);
    const owner = readOwner(file);
    if (isStale(file, owner, options.unreadableStaleMs ?? 5_000)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner ? `pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}` : 'a process that has not written its details yet';
      const waited = options.timeoutMs > 0 ? `; waited ${Number((options.timeoutMs / 1000).toFixed(1))} s` : '';
      const hint =
        owner && owner.host !== hostname()
          ? ' (held from another host: remove the lock file by hand if that run is dead)'
          : ' (if no hubcheck run is active, remove the lock file)';
      throw new LockTimeoutError(`another hubcheck run holds the lock ${file} (${who})${waited}${hint}`, owner);
    }
    await sleep(Math.min(poll, Math.max(1, deadline - Date.now())));
  }
}

function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function held(file: string): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only remove the lock if it is still ours (a stale-lock recovery elsewhere may have replaced it).
    const owner = readOwner(file);
    if (owner && owner.pid === process.pid && owner.host === hostname()) rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, release };
}

export function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.startedAt === 'string') {
      return parsed as LockOwner;
    }
  } catch {
    // missing, half-written or not ours: handled by the caller
  }
  return undefined;
}

function isStale(file: string, owner: LockOwner | undefined, unreadableStaleMs: number): boolean {
  if (!owner) {
    try {
      return Date.now() - statSync(file).mtimeMs > unreadableStaleMs;
    } catch {
      return true; // gone already: try again
    }
  }
  if (owner.host !== hostname()) return false;
  return !processExists(owner.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
