/**
 * One commit point for a run's outputs: the whole set of files is written into a
 * fresh sibling folder `<dir>.tmp-<pid>-<rand>`, flushed, with a manifest
 * (`.hubcheck-set.json`: every file with its size and SHA-256) written last,
 * then published by renames: the previous folder to `<dir>.old-<pid>-<rand>`,
 * the new one to `<dir>`, then the old one removed. A reader sees the old set or
 * the new one, never a mix; between the two renames (microseconds) `<dir>` is
 * briefly absent.
 *
 * A run killed before the publish leaves the previous set untouched and a
 * temporary folder behind; a run killed between the two renames leaves `<dir>`
 * missing and the old set beside it. The next writer (or `recoverOutputSets`)
 * puts such an old set back and removes the leftovers of runs whose process is
 * gone.
 *
 * The folder belongs to hubcheck: a set replaces it whole, so an existing folder
 * that holds other files and no manifest is refused rather than replaced.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { mkdirBounded } from './output-dir.js';

export const MANIFEST_FILE = '.hubcheck-set.json';

/** Bytes gathered before one write to a file of the set. */
const WRITE_BATCH = 1 << 20;

export interface OutputFile {
  /** A plain file name inside the set (no folders). */
  name: string;
  content: string | Uint8Array | Iterable<string> | AsyncIterable<string> | { linkFrom: string };
}

export interface Manifest {
  writtenAt: string;
  pid: number;
  files: { name: string; bytes: number; sha256: string }[];
}

export class OutputSetError extends Error {
  override readonly name = 'OutputSetError';
}

const LEFTOVER = /^(.*)\.(tmp|old)-(\d+)-[0-9a-f]{8}$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts back an old set a killed run left beside a missing `<dir>`, and removes
 * temporary and old folders of `<dir>` whose writer is gone. Returns what it removed.
 */
export function recoverOutputSets(dir: string): string[] {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const dead = names
    .map((name) => ({ name, m: LEFTOVER.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null && e.m[1] === base && !alive(Number(e.m[3])));
  const olds = dead.filter((e) => e.m[2] === 'old');
  if (!existsSync(target) && olds.length > 0) {
    const newest = olds.map((e) => ({ ...e, at: statSync(path.join(parent, e.name)).mtimeMs })).sort((a, b) => b.at - a.at)[0]!;
    renameSync(path.join(parent, newest.name), target);
    dead.splice(dead.indexOf(dead.find((e) => e.name === newest.name)!), 1);
  }
  for (const e of dead) rmSync(path.join(parent, e.name), { recursive: true, force: true });
  return dead.map((e) => e.name);
}

async function writeOne(file: string, content: OutputFile['content']): Promise<{ bytes: number; sha256: string }> {
  if (typeof content === 'object' && 'linkFrom' in content) return linkOne(content.linkFrom, file);
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await open(file, 'wx', 0o644);
  try {
    // Small chunks (one finding each) are gathered into writes of about WRITE_BATCH bytes: one system call per batch, not per chunk.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const batch = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await handle.write(batch);
    };
    const put = async (chunk: string | Uint8Array) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash.update(buffer);
      bytes += buffer.length;
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= WRITE_BATCH) await flush();
    };
    if (typeof content === 'string' || content instanceof Uint8Array) await put(content);
    else if (Symbol.asyncIterator in content) for await (const chunk of content) await put(chunk);
    else for (const chunk of content) await put(chunk);
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** A file of the published set carried into the next one: hard-linked (copied where links are refused), then hashed. */
async function linkOne(from: string, file: string): Promise<{ bytes: number; sha256: string }> {
  try {
    await link(from, file);
  } catch {
    await copyFile(from, file);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `files` as the whole content of `dir`, published at once. Returns the manifest. */
export async function writeOutputSet(dir: string, files: readonly OutputFile[]): Promise<Manifest> {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  for (const f of files) {
    if (f.name !== path.basename(f.name) || f.name === MANIFEST_FILE || f.name.startsWith('.')) throw new OutputSetError(`not a plain output file name: ${f.name}`);
  }
  mkdirBounded(parent);
  recoverOutputSets(target);
  if (existsSync(target)) {
    const present = readdirSync(target);
    if (present.length > 0 && !present.includes(MANIFEST_FILE)) {
      throw new OutputSetError(`${target} holds files hubcheck did not write as a set; use an empty or new output folder`);
    }
  }

  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = `${target}.tmp-${suffix}`;
  const old = `${target}.old-${suffix}`;
  await mkdir(temp);
  try {
    const manifest: Manifest = { writtenAt: new Date().toISOString(), pid: process.pid, files: [] };
    for (const f of files) manifest.files.push({ name: f.name, ...(await writeOne(path.join(temp, f.name), f.content)) });
    await writeOne(path.join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await syncDir(temp);

    const hadOld = existsSync(target);
    if (hadOld) await rename(target, old);
    await rename(temp, target);
    await syncDir(parent);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return manifest;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw error;
  }
}

/**
 * Replaces or adds `files` in the set published at `dir`, publishing the result
 * as a new set like writeOutputSet: every other file of the folder (the set's,
 * and any plain file hubcheck added beside it since) is carried over by a hard
 * link. Used when a stage after the reports adds to scan.json (the Security Hub
 * push).
 */
export async function updateOutputSet(dir: string, files: readonly OutputFile[]): Promise<Manifest> {
  const target = path.resolve(dir);
  const replaced = new Set(files.map((f) => f.name));
  const kept = readdirSync(target)
    .filter((name) => name !== MANIFEST_FILE && !name.startsWith('.') && !replaced.has(name) && statSync(path.join(target, name)).isFile())
    .sort();
  return writeOutputSet(dir, [...kept.map((name) => ({ name, content: { linkFrom: path.join(target, name) } })), ...files]);
}
