/**
 * Every file a user hands hubcheck is read here, with limits, before any of it
 * is parsed:
 *
 * - regular files only: a FIFO, a device or a directory is refused after a
 *   stat, and the file is opened non-blocking, so a FIFO with no writer cannot
 *   hang the read (it is refused again on the open handle);
 * - a size cap per kind of file, set by HUBCHECK_MAX_<KIND>_BYTES
 *   (e.g. HUBCHECK_MAX_FINDINGS_BYTES); the read stops at the cap whatever the
 *   stat said;
 * - UTF-8 only (binary input is refused, never echoed); a byte order mark is
 *   dropped;
 * - nesting depth bounded by a counter over the text before any parser runs,
 *   so 100,000 nested brackets are one error line, not a stack overflow.
 *
 * Every failure is a UsageError (one line, exit 2); main.ts escapes control
 * characters in it.
 *
 * One exception to the whole-file cap: a findings file in the layout hubcheck
 * writes (`[`, one finding per line, `]`) is read a line at a time by
 * `hubcheck merge` (readInputLines here, the layout in
 * src/asff/read-findings-stream.ts). It is never held whole, so it has no total
 * cap: HUBCHECK_MAX_FINDINGS_BYTES bounds each line (one finding) instead. The
 * same checks apply to it otherwise: a regular file opened non-blocking, UTF-8
 * (checked line by line), no control characters, bounded nesting per finding.
 */
import { constants } from 'node:fs';
import { createRequire } from 'node:module';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { UsageError } from '../errors.js';

export type InputKind = 'findings' | 'scan' | 'snapshot' | 'config' | 'suppressions' | 'filters';

const MIB = 1024 * 1024;

/** Default caps, generous for real files: an organisation's findings or snapshot is tens of MB. */
export const DEFAULT_MAX_BYTES: Readonly<Record<InputKind, number>> = {
  findings: 256 * MIB,
  scan: 64 * MIB,
  snapshot: 256 * MIB,
  config: 1 * MIB,
  suppressions: 4 * MIB,
  filters: 1 * MIB,
};

/** Nesting deeper than this is refused: real findings, snapshots and configs are far shallower. */
export const MAX_DEPTH: Readonly<Record<InputKind, number>> = {
  findings: 64,
  scan: 32,
  snapshot: 128,
  config: 32,
  suppressions: 32,
  filters: 32,
};

const LABEL: Record<InputKind, string> = {
  findings: 'findings file',
  scan: 'scan document',
  snapshot: 'snapshot',
  config: 'config file',
  suppressions: 'suppressions file',
  filters: 'filters file',
};

export function envName(kind: InputKind): string {
  return `HUBCHECK_MAX_${kind.toUpperCase()}_BYTES`;
}

/** The size cap for a kind of file: the environment's, else the default. */
export function maxBytes(kind: InputKind, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[envName(kind)];
  if (raw === undefined || raw === '') return DEFAULT_MAX_BYTES[kind];
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${envName(kind)} must be a positive number of bytes (is ${JSON.stringify(raw)})`);
  return value;
}

function fileKind(s: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface ReadInputOptions {
  /** Overrides the cap from the environment. */
  maxBytes?: number;
  /** An empty (or blank) file is an error unless this is set. */
  allowEmpty?: boolean;
}

/** How a file is named in a refusal: findings, scan and filters files by their path alone, the others with their kind. */
function nameOf(file: string, kind: InputKind): string {
  return kind === 'findings' || kind === 'scan' || kind === 'filters' ? file : `${LABEL[kind]} ${file}`;
}

/** Reads a user's file as text, within the limits of its kind. */
export async function readInputText(file: string, kind: InputKind, options: ReadInputOptions = {}): Promise<string> {
  const label = LABEL[kind];
  const cap = options.maxBytes ?? maxBytes(kind);
  const named = nameOf(file, kind);
  const refuse = (why: string): never => {
    throw new UsageError(`cannot read ${named}: ${why}`);
  };
  const tooBig = (size: number | string) =>
    refuse(`${size} bytes is over the limit of ${cap} bytes for a ${label} (set ${envName(kind)} to change it)`);
  const check = (s: Awaited<ReturnType<typeof stat>>) => {
    if (!s.isFile()) refuse(`it is ${fileKind(s)}; only regular files are read`);
    if (Number(s.size) > cap) tooBig(Number(s.size));
  };

  try {
    check(await stat(file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    refuse((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }

  let bytes: Buffer;
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      check(await handle.stat());
      // Read at most cap + 1 bytes: a file that grows after the stat is still caught.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(MIB, cap + 1 - total));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        if (total > cap) tooBig(`more than ${cap}`);
      }
      bytes = Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return refuse((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('it is not UTF-8 text');
  }
  if (!options.allowEmpty && text.trim() === '') refuse('it is empty');
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) refuse('it holds control characters (a binary file?)');
  return text;
}

/** A line of a file read in pieces: its 1-based number and its text (the newline and a trailing CR dropped). */
export interface InputLine {
  readonly number: number;
  readonly text: string;
}

/**
 * Reads a user's file a line at a time (for the streamed findings layout): a
 * regular file, opened non-blocking, read in 1 MiB blocks; each line must be
 * UTF-8 without control characters and at most `maxLineBytes` long (by
 * default the kind's cap, HUBCHECK_MAX_<KIND>_BYTES). There is no total cap:
 * no more than one block and one line are held at a time. Stop early by
 * returning from the loop (the file is closed then too).
 */
export async function* readInputLines(file: string, kind: InputKind, maxLineBytes = maxBytes(kind)): AsyncGenerator<InputLine> {
  const named = nameOf(file, kind);
  const refuse = (why: string): never => {
    throw new UsageError(`cannot read ${named}: ${why}`);
  };
  const check = (s: { isFile(): boolean } & Parameters<typeof fileKind>[0]) => {
    if (!s.isFile()) refuse(`it is ${fileKind(s)}; only regular files are read`);
  };
  let handle: FileHandle;
  try {
    check(await stat(file));
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return refuse((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  try {
    check(await handle.stat());
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const tooLong = (number: number) =>
      refuse(`line ${number} is over the limit of ${maxLineBytes} bytes for one ${kind === 'findings' ? 'finding' : 'line'} (set ${envName(kind)} to change it)`);
    const lineOf = (bytes: Buffer, number: number): InputLine => {
      if (bytes.length > maxLineBytes) tooLong(number);
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        return refuse('it is not UTF-8 text');
      }
      if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) refuse('it holds control characters (a binary file?)');
      return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    };
    const block = Buffer.allocUnsafe(MIB);
    // The bytes of the line read so far: a block can end inside a line, even inside a character.
    let carry: Buffer[] = [];
    let carried = 0;
    let number = 0;
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(block, 0, block.length, null));
      } catch (error) {
        return refuse((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      }
      if (bytesRead === 0) break;
      let start = 0;
      for (let nl = block.indexOf(10, 0); nl >= 0 && nl < bytesRead; nl = block.indexOf(10, start)) {
        number++;
        if (carried + nl - start > maxLineBytes) tooLong(number);
        const bytes = carried > 0 ? Buffer.concat([...carry, block.subarray(start, nl)]) : block.subarray(start, nl);
        carry = [];
        carried = 0;
        yield lineOf(bytes, number);
        start = nl + 1;
      }
      if (start < bytesRead) {
        carried += bytesRead - start;
        if (carried > maxLineBytes) tooLong(number + 1);
        carry.push(Buffer.from(block.subarray(start, bytesRead)));
      }
    }
    if (carried > 0) yield lineOf(Buffer.concat(carry), number + 1);
  } finally {
    await handle.close();
  }
}

/** Reads and parses a JSON file of the given kind: limits, then a depth check, then JSON.parse. */
export async function readInputJson(file: string, kind: InputKind, options: ReadInputOptions = {}): Promise<unknown> {
  return parseInputJson(await readInputText(file, kind, options), file, kind);
}

/** Parses JSON text from outside: depth bounded first, one-line errors. */
export function parseInputJson(text: string, file: string, kind: InputKind, reviver?: (key: string, value: unknown) => unknown): unknown {
  const depth = jsonDepthOver(text, MAX_DEPTH[kind]);
  if (depth !== undefined) throw new UsageError(`${file}: nested deeper than ${MAX_DEPTH[kind]} levels (at offset ${depth}); not a ${LABEL[kind]}`);
  try {
    return JSON.parse(text, reviver) as unknown;
  } catch (error) {
    // V8's message quotes the input; keep only its first clause.
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message.split(/[,\n]/)[0]!.slice(0, 120)}`);
  }
}

/**
 * The offset where JSON text first nests deeper than `max`, or undefined. A
 * counter over the characters (strings skipped), no recursion, linear time.
 */
export function jsonDepthOver(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * The offset where YAML text may nest deeper than `max`, or undefined. It
 * over-counts on purpose (brackets inside quotes count; so does every `- `,
 * `? ` and `: ` on a line, which is how block collections nest on one line),
 * never under-counts: the parser only ever sees text whose nesting is bounded.
 */
export function yamlDepthOver(text: string, max: number): number | undefined {
  let flow = 0;
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line = 0;
    else if (c === 0x5b || c === 0x7b) flow++;
    else if (c === 0x5d || c === 0x7d) flow = Math.max(0, flow - 1);
    else if ((c === 0x2d || c === 0x3f || c === 0x3a) && (i + 1 === text.length || text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a)) line++;
    if (flow + line > max) return i;
  }
  return undefined;
}

export function checkYamlDepth(text: string, file: string, kind: InputKind): void {
  const at = yamlDepthOver(text, MAX_DEPTH[kind]);
  if (at !== undefined) throw new UsageError(`${file}: nested deeper than ${MAX_DEPTH[kind]} levels (at offset ${at}); not a ${LABEL[kind]}`);
}

let yamlLoaded: typeof import('yaml') | undefined;

/**
 * The YAML parser, loaded when a YAML text is first parsed (about 50 ms of
 * module loading), not by every command that could read one: a scan without a
 * YAML config or suppressions file never loads it.
 */
export function yaml(): typeof import('yaml') {
  yamlLoaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlLoaded;
}
