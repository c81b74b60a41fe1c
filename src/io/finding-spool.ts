/**
 * A run's findings on disk instead of in memory: NDJSON files in a private
 * temporary folder, one per account once its scan is done (`seal`). An
 * organization scan produces hundreds of thousands of findings; held as
 * objects they would cost gigabytes, so each rule's findings are written here
 * as the rule ends, and every later stage reads them back one account at a time.
 *
 * - A spool is an `Iterable<AwsSecurityFinding>` that can be iterated again:
 *   each iteration reads the files afresh, so no more than one account's
 *   findings (parsed) and one read block are held at a time.
 * - Iteration is in account order (the order the outputs list findings in), and
 *   inside an account in the order the findings were added.
 * - Each chunk written and each chunk read is a point where the heap may be
 *   collected (src/io/heap.ts): what passed through is garbage by then.
 * - Reads and writes are synchronous: a stage iterates a spool in one go, and
 *   the scan writes an account's findings in well under the time it took to
 *   read them from AWS.
 * - `release()` removes the folder; any spool still there when the process
 *   exits is removed then, and each new spool removes those of runs that
 *   were killed (their folder names their process id). Reading a released
 *   spool throws: it must never pass for a run without findings.
 */
import { closeSync, mkdtempSync, openSync, readSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { relieveHeap } from './heap.js';
import { processExists } from './processes.js';

/** How much is read or written per system call. */
const BLOCK = 1 << 20;

interface Chunk {
  readonly key: string;
  readonly order: readonly string[];
  readonly file: string;
  readonly count: number;
}

const live = new Set<FindingSpool>();
let exitHook = false;

export class FindingSpool implements Iterable<AwsSecurityFinding> {
  private readonly chunks: Chunk[] = [];
  private total = 0;
  private dir: string | undefined;
  private released = false;
  private sequence = 0;

  /** A new, empty spool (its folder is made on the first write). */
  static create(): FindingSpool {
    return new FindingSpool();
  }

  private constructor() {}

  /** How many findings it holds. */
  get size(): number {
    return this.total;
  }

  /**
   * Adds findings of one account (its key: the account id) as one chunk, written
   * as they are produced. An account's findings may come in several chunks, in
   * any order: `order` places a chunk among its account's (compared part by
   * part; chunks of equal order keep the order they were added in). A key with
   * no findings is still there: an account scanned cleanly with nothing to
   * report is an account the later stages see.
   */
  add(key: string, findings: Iterable<AwsSecurityFinding>, order: readonly string[] = []): void {
    this.check();
    const file = path.join(this.folder(), `${this.sequence++}.ndjson`);
    const fd = openSync(file, 'wx', 0o600);
    let count = 0;
    let pending = '';
    try {
      for (const finding of findings) {
        pending += `${JSON.stringify(finding)}\n`;
        count++;
        if (pending.length >= BLOCK) {
          writeSync(fd, pending);
          pending = '';
        }
      }
      if (pending) writeSync(fd, pending);
    } finally {
      closeSync(fd);
    }
    this.chunks.push({ key, order, file, count });
    this.total += count;
    relieveHeap();
  }

  /**
   * Joins a key's chunks into one file, in their order, once all of them are
   * added (an account, when its scan ends): a spool of many accounts then
   * holds one chunk per account, whatever number of pieces each came in. A key
   * with no chunk gets an empty one.
   */
  seal(key: string): void {
    this.check();
    const pieces = this.ordered().filter((c) => c.key === key);
    if (pieces.length === 1) return;
    const file = path.join(this.folder(), `${this.sequence++}.ndjson`);
    const out = openSync(file, 'wx', 0o600);
    const buffer = Buffer.allocUnsafe(BLOCK);
    try {
      for (const piece of pieces) {
        const fd = openSync(piece.file, 'r');
        try {
          for (let read = readSync(fd, buffer, 0, BLOCK, null); read > 0; read = readSync(fd, buffer, 0, BLOCK, null)) writeSync(out, buffer, 0, read);
        } finally {
          closeSync(fd);
        }
      }
    } finally {
      closeSync(out);
    }
    for (const piece of pieces) rmSync(piece.file, { force: true });
    const count = pieces.reduce((sum, piece) => sum + piece.count, 0);
    this.chunks.splice(0, this.chunks.length, ...this.chunks.filter((c) => c.key !== key), { key, order: [], file, count });
  }

  /** Drops every chunk of a key (an account whose scan failed after some of its findings were written). */
  discard(key: string): void {
    this.check();
    for (const chunk of this.chunks.filter((c) => c.key === key)) {
      rmSync(chunk.file, { force: true });
      this.total -= chunk.count;
    }
    this.chunks.splice(0, this.chunks.length, ...this.chunks.filter((c) => c.key !== key));
  }

  /** Each key (account) in order, with all its findings read back. */
  *groups(): Generator<{ key: string; findings: AwsSecurityFinding[] }> {
    let group: { key: string; findings: AwsSecurityFinding[] } | undefined;
    for (const chunk of this.ordered()) {
      if (group && group.key !== chunk.key) yield group;
      if (!group || group.key !== chunk.key) group = { key: chunk.key, findings: [] };
      for (const finding of readChunk(chunk.file)) group.findings.push(finding);
    }
    if (group) yield group;
  }

  *[Symbol.iterator](): Generator<AwsSecurityFinding> {
    for (const chunk of this.ordered()) yield* readChunk(chunk.file);
  }

  /** Removes the files; the spool is empty afterwards. */
  release(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.chunks.length = 0;
    this.total = 0;
    this.released = true;
    live.delete(this);
  }

  private ordered(): Chunk[] {
    this.check();
    // A stable sort: chunks of the same key and order stay in the order they were added.
    return [...this.chunks].sort((a, b) => a.key.localeCompare(b.key) || compareOrder(a.order, b.order));
  }

  /** A released spool is not an empty one: reading it is a bug, never a run with no findings. */
  private check(): void {
    if (this.released) throw new Error('hubcheck: internal error: a findings spool was read after it was released');
  }

  private folder(): string {
    if (!this.dir) {
      removeAbandoned();
      if (!exitHook) {
        exitHook = true;
        process.on('exit', () => {
          for (const spool of [...live]) spool.release();
        });
      }
      this.dir = mkdtempSync(path.join(tmpdir(), `${PREFIX}${process.pid}-`));
      live.add(this);
    }
    return this.dir;
  }
}

const PREFIX = 'hubcheck-findings-';

function compareOrder(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = a[i]!.localeCompare(b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Spools of runs that were killed (no exit hook ran): their process is gone, so are they. */
function removeAbandoned(): void {
  try {
    for (const name of readdirSync(tmpdir())) {
      const pid = Number(/^hubcheck-findings-(\d+)-/.exec(name)?.[1]);
      if (pid && pid !== process.pid && !processExists(pid)) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    }
  } catch {
    // an unreadable temporary folder: nothing to tidy, and nothing to fail the run for
  }
}


/** The findings of one chunk file, parsed a line at a time from blocks read in turn. */
function* readChunk(file: string): Generator<AwsSecurityFinding> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(BLOCK);
    // The bytes after the last newline read so far: a block can end inside a line, even inside a character.
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, buffer, 0, BLOCK, null);
      if (read === 0) break;
      const last = buffer.lastIndexOf(10, read - 1);
      if (last < 0) {
        carry = Buffer.concat([carry, buffer.subarray(0, read)]);
        continue;
      }
      const text = Buffer.concat([carry, buffer.subarray(0, last)]).toString('utf8');
      carry = Buffer.from(buffer.subarray(last + 1, read));
      for (const line of text.split('\n')) if (line) yield JSON.parse(line) as AwsSecurityFinding;
    }
    if (carry.length > 0) yield JSON.parse(carry.toString('utf8')) as AwsSecurityFinding;
  } finally {
    closeSync(fd);
    relieveHeap();
  }
}
