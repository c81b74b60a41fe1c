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
 *   creating and filling it) once it is older than a few seconds.
 * - Every lock has a lease (`leaseUntil`, default 6 hours from its start, longer
 *   than any sane run; `leaseMs` or HUBCHECK_LOCK_LEASE_SECONDS change it). A
 *   lock whose lease has expired is taken over with a warning, whichever host
 *   wrote it: on Kubernetes every run has a new host name, so a killed pod's lock
 *   could otherwise never be recovered. A live lease from another host blocks.
 * - A takeover renames the stale lock aside and checks it is still the one it
 *   judged stale, so two runs recovering at once cannot remove each other's
 *   fresh lock.
 * - Released by `release()` and, as a last resort, when the process exits; a
 *   killed process leaves a stale lock that the next run recovers.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirBounded } from './output-dir.js';
import { processExists } from './processes.js';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** When the lock may be taken over by anyone; absent in locks of older versions (then startedAt + the reader's lease). */
  leaseUntil?: string;
}

export const DEFAULT_LEASE_MS = 6 * 60 * 60 * 1000;

/** The lease: HUBCHECK_LOCK_LEASE_SECONDS when set to a positive number, else 6 hours. */
export function leaseFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.HUBCHECK_LOCK_LEASE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LEASE_MS;
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
  /** How long a lock holds before anyone may take it over (default: leaseFromEnv()). */
  leaseMs?: number;
  /** Where the takeover warning goes (default: stderr). */
  warn?: (line: string) => void;
}

export async function acquireLock(file: string, options: LockOptions): Promise<Lock> {
  mkdirBounded(path.dirname(path.resolve(file)));
  const deadline = Date.now() + options.timeoutMs;
  const poll = options.pollMs ?? 200;
  const leaseMs = options.leaseMs ?? leaseFromEnv();
  const warn = options.warn ?? ((line: string) => process.stderr.write(`hubcheck: warning: ${line}\n`));
  const started = new Date();
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: started.toISOString(), leaseUntil: new Date(started.getTime() + leaseMs).toISOString() };
  for (;;) {
    if (tryCreate(file, me)) return held(file);
    const owner = readOwner(file);
    if (owner && leaseExpired(owner, leaseMs)) {
      if (takeOver(file, owner)) {
        warn(`took over the lock ${file} of pid ${owner.pid} on ${owner.host} (since ${owner.startedAt}): its lease expired at ${leaseEnd(owner, leaseMs).toISOString()}`);
      }
      continue;
    }
    if (isStale(file, owner, options.unreadableStaleMs ?? 5_000)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner ? `pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}` : 'a process that has not written its details yet';
      const waited = options.timeoutMs > 0 ? `; waited ${Number((options.timeoutMs / 1000).toFixed(1))} s` : '';
      const hint =
        owner && owner.host !== hostname()
          ? ` (held from another host: taken over when its lease expires at ${leaseEnd(owner, leaseMs).toISOString()}; remove the lock file by hand if that run is dead)`
          : ' (if no hubcheck run is active, remove the lock file)';
      throw new LockTimeoutError(`another hubcheck run holds the lock ${file} (${who})${waited}${hint}`, owner);
    }
    await sleep(Math.min(poll, Math.max(1, deadline - Date.now())));
  }
}

function leaseEnd(owner: LockOwner, leaseMs: number): Date {
  const until = owner.leaseUntil === undefined ? Number.NaN : Date.parse(owner.leaseUntil);
  return new Date(Number.isNaN(until) ? Date.parse(owner.startedAt) + leaseMs : until);
}

function leaseExpired(owner: LockOwner, leaseMs: number): boolean {
  const end = leaseEnd(owner, leaseMs).getTime();
  // A lock whose times do not parse has no lease to respect.
  return Number.isNaN(end) || Date.now() > end;
}

/** Moves the stale lock aside; true when what was moved is the lock judged stale (else it is put back). */
function takeOver(file: string, stale: LockOwner): boolean {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return false; // gone already: try to create it again
  }
  const moved = readOwner(aside);
  if (moved && moved.pid === stale.pid && moved.host === stale.host && moved.startedAt === stale.startedAt) {
    rmSync(aside, { force: true });
    return true;
  }
  // Another run took over first and this was its fresh lock: put it back unless a newer one exists.
  try {
    linkSync(aside, file);
  } catch {
    // a newer lock is in place: that one wins
  }
  rmSync(aside, { force: true });
  return false;
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
      return { pid: parsed.pid, host: parsed.host, startedAt: parsed.startedAt, ...(typeof parsed.leaseUntil === 'string' ? { leaseUntil: parsed.leaseUntil } : {}) };
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
