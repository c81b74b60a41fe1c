/**
 * Output folders checked before any work, and created with a bounded mkdir.
 *
 * Node's `mkdir(dir, { recursive: true })` never returns for some paths (under
 * /proc it loops forever on ENOENT), so hubcheck creates folders one component
 * at a time: at most one mkdir per path component, every error final.
 *
 * `checkOutputDir` creates nothing: it finds the deepest folder that exists on
 * the way, refuses a file in the way, and proves that folder writable by
 * creating and removing a probe file there. A scan calls it (for the output
 * folder and the state file's folder) before any AWS call, so an unusable
 * folder is exit 2 at once, not an error after the whole scan.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** The components from the root down: /a/b/c -> [/, /a, /a/b, /a/b/c]. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    out.unshift(at);
    if (path.dirname(at) === at) return out;
  }
}

/** Creates `dir` and its missing parents, one mkdir per component; throws the first error (ENOTDIR for a file in the way). */
export function mkdirBounded(dir: string): void {
  for (const at of ancestors(dir)) {
    try {
      if (statSync(at).isDirectory()) continue;
      throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR', path: at });
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
    }
    try {
      mkdirSync(at);
    } catch (error) {
      if (code(error) !== 'EEXIST' || !statSync(at).isDirectory()) throw error;
    }
  }
}

export interface OutputDirCheck {
  /** The deepest folder on the way that exists (proved writable). */
  existing: string;
  /** The folders that a write will create. */
  missing: string[];
}

/** Checks that `dir` is, or can be made, a writable folder; creates nothing that stays. One-line UsageError otherwise. */
export function checkOutputDir(dir: string, what = 'output folder'): OutputDirCheck {
  const chain = ancestors(dir);
  let existing = chain[0]!;
  const missing: string[] = [];
  for (const at of chain) {
    if (missing.length > 0) {
      missing.push(at);
      continue;
    }
    try {
      if (!statSync(at).isDirectory()) throw new UsageError(`cannot use ${what} ${dir}: ${at} is a file, not a folder`);
      existing = at;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if (code(error) !== 'ENOENT') throw new UsageError(`cannot use ${what} ${dir}: ${at}: ${code(error)}`);
      missing.push(at);
    }
  }
  const probe = path.join(existing, `.hubcheck-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    if (missing.length > 0) {
      // Prove the first missing folder can be created, then take it away again.
      mkdirSync(missing[0]!);
      rmdirSync(missing[0]!);
    } else {
      closeSync(openSync(probe, 'wx', 0o600));
      rmSync(probe, { force: true });
    }
  } catch (error) {
    throw new UsageError(`cannot use ${what} ${dir}: ${missing.length > 0 ? `cannot create ${missing[0]}` : `${existing} is not writable`} (${code(error)})`);
  }
  return { existing, missing };
}

/** Checks the output folder and, when there is one, the state file's folder and the state file itself. */
export function checkOutputPaths(outputDir: string, stateFile?: string): void {
  checkOutputDir(outputDir);
  if (!stateFile) return;
  checkOutputDir(path.dirname(path.resolve(stateFile)), 'state folder');
  try {
    const s = statSync(stateFile);
    if (!s.isFile()) throw new UsageError(`cannot use state file ${stateFile}: it is not a regular file`);
    closeSync(openSync(stateFile, 'r+'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (code(error) !== 'ENOENT') throw new UsageError(`cannot use state file ${stateFile}: ${code(error)}`);
  }
}
