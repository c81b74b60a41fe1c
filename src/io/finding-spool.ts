/**
 * A run's findings on disk instead of in memory: NDJSON files in a private
 * temporary folder, one per account. An organization scan produces hundreds
 * of thousands of findings; held as objects they would cost gigabytes, so each
 * rule's findings are appended to their account's file as the rule ends, and
 * every later stage reads them back one account at a time. Only a few numbers
 * per piece stay in memory, and once an account is sealed one per account.
 *
 * - A spool is an `Iterable<AwsSecurityFinding>` that can be iterated again:
 *   each iteration reads the files afresh, so no more than one account's
 *   findings (parsed) and one read block are held at a time.
 * - Iteration is in account order (the order the outputs list findings in), and
 *   inside an account in the pieces' order (then the order they were added in).
 * - Each piece written and each piece read is a point where the heap may be
 *   collected (src/io/heap.ts): what passed through is garbage by then.
 * - Reads and writes are synchronous: a stage iterates a spool in one go, and
 *   the scan writes an account's findings in well under the time it took to
 *   read them from AWS.
 * - `release()` removes the folder; any spool still there when the process
 *   exits is removed then, and each new spool removes those of runs that
 *   were killed (their folder names their process id). Reading a released
 *   spool throws: it must never pass for a run without findings.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { relieveHeap } from './heap.js';
import { processExists } from './processes.js';

/** How much is read or written per system call. */
const BLOCK = 1 << 20;

/** At most this many account files are kept open for writing at once (more keys than this are reopened as needed). */
const OPEN_FILES = 16;

/** One `add`: where its lines are in its account's file. */
interface Piece {
  readonly order: readonly string[];
  readonly offset: number;
  readonly length: number;
  readonly count: number;
}

/** One key's (account's) findings: one file, its pieces appended in the order they were added. */
interface Entry {
  file: string;
  fd: number | undefined;
  bytes: number;
  pieces: Piece[];
}

const live = new Set<FindingSpool>();
let exitHook = false;

export class FindingSpool implements Iterable<AwsSecurityFinding> {
  private readonly entries = new Map<string, Entry>();
  /** The keys in order, kept until a key comes or goes. */
  private sorted: string[] | undefined;
  /** Entries whose file is open for writing, oldest first. */
  private readonly open: Entry[] = [];
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
   * Adds findings of one account (its key: the account id) as one piece, written
   * as they are produced, to the end of the account's one file. An account's
   * findings may come in several pieces, in any order: `order` places a piece
   * among its account's (compared part by part; pieces of equal order keep the
   * order they were added in). A key with no findings is still there: an
   * account scanned cleanly with nothing to report is an account the later
   * stages see.
   */
  add(key: string, findings: Iterable<AwsSecurityFinding>, order: readonly string[] = []): void {
    this.check();
    const entry = this.entry(key);
    const fd = this.writable(entry);
    const offset = entry.bytes;
    let count = 0;
    let pending = '';
    try {
      for (const finding of findings) {
        pending += `${JSON.stringify(finding)}\n`;
        count++;
        if (pending.length >= BLOCK) {
          entry.bytes += writeSync(fd, pending, entry.bytes);
          pending = '';
        }
      }
      if (pending) entry.bytes += writeSync(fd, pending, entry.bytes);
    } catch (error) {
      // A piece that could not be made whole is no piece: what of it was written goes.
      ftruncateSync(fd, offset);
      entry.bytes = offset;
      throw error;
    }
    entry.pieces.push({ order, offset, length: entry.bytes - offset, count });
    this.total += count;
    relieveHeap();
  }

  /**
   * Puts a key's pieces in their order, once all of them are added (an
   * account, when its scan ends), so that it is one piece: a spool of many
   * accounts then holds one small record per account, whatever number of
   * pieces each came in. The file is rewritten only when the pieces came out
   * of order. A key with no piece gets an empty one.
   */
  seal(key: string): void {
    this.check();
    const entry = this.entry(key);
    this.close(entry);
    const pieces = orderedPieces(entry.pieces);
    const count = pieces.reduce((sum, piece) => sum + piece.count, 0);
    if (pieces.every((piece, i) => piece === entry.pieces[i])) {
      entry.pieces = [{ order: [], offset: 0, length: entry.bytes, count }];
      return;
    }
    const file = this.newFile();
    const out = openSync(file, 'wx', 0o600);
    const fd = openSync(entry.file, 'r');
    const buffer = Buffer.allocUnsafe(BLOCK);
    try {
      for (const piece of pieces) {
        for (let done = 0; done < piece.length; ) {
          const read = readSync(fd, buffer, 0, Math.min(BLOCK, piece.length - done), piece.offset + done);
          if (read === 0) throw new Error(`hubcheck: internal error: findings spool file ${entry.file} ends early`);
          writeSync(out, buffer, 0, read);
          done += read;
        }
      }
    } finally {
      closeSync(fd);
      closeSync(out);
    }
    rmSync(entry.file, { force: true });
    entry.file = file;
    entry.pieces = [{ order: [], offset: 0, length: entry.bytes, count }];
  }

  /** Drops every piece of a key (an account whose scan failed after some of its findings were written). */
  discard(key: string): void {
    this.check();
    const entry = this.entries.get(key);
    if (!entry) return;
    this.close(entry);
    rmSync(entry.file, { force: true });
    this.total -= entry.pieces.reduce((sum, piece) => sum + piece.count, 0);
    this.entries.delete(key);
    this.sorted = undefined;
  }

  /** Each key (account) in order, with all its findings read back. */
  *groups(): Generator<{ key: string; findings: AwsSecurityFinding[] }> {
    for (const key of this.keys()) {
      const findings: AwsSecurityFinding[] = [];
      for (const finding of this.read(key)) findings.push(finding);
      yield { key, findings };
    }
  }

  *[Symbol.iterator](): Generator<AwsSecurityFinding> {
    for (const key of this.keys()) yield* this.read(key);
  }

  /**
   * Every finding as the line it is stored as, its `JSON.stringify`, in the
   * order iteration gives: what a findings file is made of, without parsing
   * and serializing each finding again.
   */
  *jsonLines(): Generator<string> {
    for (const key of this.keys()) yield* this.lines(key);
  }

  /** Removes the files; the spool is empty afterwards. */
  release(): void {
    for (const entry of [...this.open]) this.close(entry);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.entries.clear();
    this.sorted = undefined;
    this.total = 0;
    this.released = true;
    live.delete(this);
  }

  private keys(): readonly string[] {
    this.check();
    this.sorted ??= [...this.entries.keys()].sort((a, b) => a.localeCompare(b));
    return this.sorted;
  }

  private *read(key: string): Generator<AwsSecurityFinding> {
    for (const line of this.lines(key)) yield JSON.parse(line) as AwsSecurityFinding;
  }

  private *lines(key: string): Generator<string> {
    const entry = this.entries.get(key);
    if (!entry) return;
    for (const piece of orderedPieces(entry.pieces)) yield* readLines(entry.file, piece.offset, piece.length);
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      const file = this.newFile();
      closeSync(openSync(file, 'wx', 0o600));
      entry = { file, fd: undefined, bytes: 0, pieces: [] };
      this.entries.set(key, entry);
      this.sorted = undefined;
    }
    return entry;
  }

  /** The entry's file, open for writing; the longest-open other file is closed past OPEN_FILES. */
  private writable(entry: Entry): number {
    if (entry.fd !== undefined) return entry.fd;
    if (this.open.length >= OPEN_FILES) this.close(this.open[0]!);
    entry.fd = openSync(entry.file, 'r+');
    this.open.push(entry);
    return entry.fd;
  }

  private close(entry: Entry): void {
    if (entry.fd === undefined) return;
    closeSync(entry.fd);
    entry.fd = undefined;
    this.open.splice(this.open.indexOf(entry), 1);
  }

  private newFile(): string {
    return path.join(this.folder(), `${this.sequence++}.ndjson`);
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

/** Pieces sorted by their order; a stable sort keeps pieces of equal order as they were added. */
function orderedPieces(pieces: readonly Piece[]): readonly Piece[] {
  return pieces.length < 2 ? pieces : [...pieces].sort((a, b) => compareOrder(a.order, b.order));
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


/** The lines in bytes [offset, offset + length) of a file, from blocks read in turn. */
function* readLines(file: string, offset: number, length: number): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(BLOCK);
    // The bytes after the last newline read so far: a block can end inside a line, even inside a character.
    let carry = Buffer.alloc(0);
    for (let done = 0; done < length; ) {
      const read = readSync(fd, buffer, 0, Math.min(BLOCK, length - done), offset + done);
      if (read === 0) throw new Error(`hubcheck: internal error: findings spool file ${file} ends early`);
      done += read;
      const last = buffer.lastIndexOf(10, read - 1);
      if (last < 0) {
        carry = Buffer.concat([carry, buffer.subarray(0, read)]);
        continue;
      }
      const text = Buffer.concat([carry, buffer.subarray(0, last)]).toString('utf8');
      carry = Buffer.from(buffer.subarray(last + 1, read));
      for (const line of text.split('\n')) if (line) yield line;
    }
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
    relieveHeap();
  }
}
