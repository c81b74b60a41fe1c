/** The output set writer: whole sets published at once, a killed writer leaves the previous set, leftovers cleaned. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, OutputSetError, recoverOutputSets, updateOutputSet, writeOutputSet, type Manifest } from '../../src/io/output-set.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist', 'src', 'io', 'output-set.js');
const root = () => mkdtemp(path.join(tmpdir(), 'output-set-'));

async function readSet(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (name !== MANIFEST_FILE) out[name] = await readFile(path.join(dir, name), 'utf8');
  return out;
}

describe('writeOutputSet', () => {
  it('writes many small pieces (past the write batch) and bytes exactly as given, in order, with their size and hash', async () => {
    const dir = path.join(await root(), 'reports');
    const pieces = Array.from({ length: 40_000 }, (_, i) => `{"n":${i},"é":"${'x'.repeat(i % 50)}"}\n`);
    async function* slow() {
      for (const p of pieces.slice(0, 100)) yield p;
    }
    const manifest = await writeOutputSet(dir, [
      { name: 'many.jsonl', content: pieces },
      { name: 'bytes.bin', content: new Uint8Array([1, 2, 3]).subarray(1) },
      { name: 'async.jsonl', content: slow() },
    ]);
    const expected = pieces.join('');
    expect(await readFile(path.join(dir, 'many.jsonl'), 'utf8')).toBe(expected);
    expect([...(await readFile(path.join(dir, 'bytes.bin')))]).toEqual([2, 3]);
    expect(await readFile(path.join(dir, 'async.jsonl'), 'utf8')).toBe(pieces.slice(0, 100).join(''));
    const many = manifest.files.find((f) => f.name === 'many.jsonl')!;
    expect(many.bytes).toBe(Buffer.byteLength(expected));
    expect(many.bytes).toBeGreaterThan(1 << 20);
    expect(many.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('publishes a whole set with a manifest, replacing the previous set entirely', async () => {
    const dir = path.join(await root(), 'reports');
    await writeOutputSet(dir, [{ name: 'a.json', content: 'one' }, { name: 'b.csv', content: ['x', 'y'] }]);
    expect(await readSet(dir)).toEqual({ 'a.json': 'one', 'b.csv': 'xy' });
    const manifest = await writeOutputSet(dir, [{ name: 'a.json', content: 'two' }]);
    expect(await readSet(dir)).toEqual({ 'a.json': 'two' });
    expect(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'))).toEqual(manifest);
    expect(manifest.files).toEqual([{ name: 'a.json', bytes: 3, sha256: '3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3' }]);
    expect(readdirSync(path.dirname(dir))).toEqual(['reports']);
  });

  it('updateOutputSet replaces one file, carries the others over and takes a file added beside the set into the manifest', async () => {
    const dir = path.join(await root(), 'reports');
    await writeOutputSet(dir, [{ name: 'scan.json', content: 'before' }, { name: 'findings.asff.json', content: '[1]' }]);
    await writeFile(path.join(dir, 'unsent.asff.json'), '[2]');
    const manifest = await updateOutputSet(dir, [{ name: 'scan.json', content: 'after' }]);
    expect(await readSet(dir)).toEqual({ 'scan.json': 'after', 'findings.asff.json': '[1]', 'unsent.asff.json': '[2]' });
    expect(manifest.files.map((f) => [f.name, f.bytes])).toEqual([
      ['findings.asff.json', 3],
      ['unsent.asff.json', 3],
      ['scan.json', 5],
    ]);
    expect(manifest.files[0]?.sha256).toBe('080a9ed428559ef602668b4c00f114f1a11c3f6b02a435f0bdc154578e4d7f22');
    expect(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'))).toEqual(manifest);
    expect(readdirSync(path.dirname(dir))).toEqual(['reports']);
  });

  it('refuses to replace a folder of files it did not write, and odd file names', async () => {
    const dir = await root();
    await writeFile(path.join(dir, 'thesis.tex'), 'precious');
    await expect(writeOutputSet(dir, [{ name: 'a', content: '' }])).rejects.toBeInstanceOf(OutputSetError);
    expect(await readFile(path.join(dir, 'thesis.tex'), 'utf8')).toBe('precious');
    await expect(writeOutputSet(path.join(dir, 'x'), [{ name: '../a', content: '' }])).rejects.toThrow(/not a plain output file name/);
  });

  it('puts back the old set a run killed between its two renames left, and removes dead runs\' leftovers', async () => {
    const base = await root();
    const dir = path.join(base, 'reports');
    await writeOutputSet(dir, [{ name: 'a.json', content: 'previous' }]);
    const dead = 2 ** 22 + 12345; // above the usual pid_max: no such process
    const { rename } = await import('node:fs/promises');
    await rename(dir, `${dir}.old-${dead}-0000abcd`);
    await mkdir(`${dir}.tmp-${dead}-1111abcd`);
    await writeFile(`${dir}.tmp-${dead}-1111abcd/a.json`, 'half');
    expect(recoverOutputSets(dir)).toEqual([`reports.tmp-${dead}-1111abcd`]);
    expect(await readSet(dir)).toEqual({ 'a.json': 'previous' });
    expect(readdirSync(base)).toEqual(['reports']);
  });

  it('a writer killed with SIGKILL mid-write leaves the previous set intact; the next writer cleans up', async () => {
    if (!existsSync(DIST)) throw new Error('build first: npm run build');
    const base = await root();
    const dir = path.join(base, 'reports');
    await writeOutputSet(dir, [{ name: 'findings.asff.json', content: '[1]' }, { name: 'report.html', content: '<p>1</p>' }]);
    const script = `
      const { writeOutputSet } = await import(${JSON.stringify(DIST)});
      async function* slow() { for (let i = 0; ; i++) { yield 'x'.repeat(1024); await new Promise((r) => setTimeout(r, 5)); } }
      await writeOutputSet(${JSON.stringify(dir)}, [{ name: 'findings.asff.json', content: '[2]' }, { name: 'report.html', content: slow() }]);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    let temp: string | undefined;
    while (!temp && Date.now() < deadline) {
      temp = readdirSync(base).find((n) => n.startsWith('reports.tmp-') && existsSync(path.join(base, n, 'report.html')));
      if (!temp) await sleep(20);
    }
    expect(temp).toBeDefined();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(await readSet(dir)).toEqual({ 'findings.asff.json': '[1]', 'report.html': '<p>1</p>' });
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.files.map((f) => f.name)).toEqual(['findings.asff.json', 'report.html']);
    await writeOutputSet(dir, [{ name: 'findings.asff.json', content: '[3]' }]);
    expect(readdirSync(base)).toEqual(['reports']);
    expect(await readSet(dir)).toEqual({ 'findings.asff.json': '[3]' });
  }, 60_000);
});
