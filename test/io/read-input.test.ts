/** Reading user files with limits: kinds of file, caps, encoding, BOM and nesting depth. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { jsonDepthOver, maxBytes, readInputJson, readInputLines, readInputText, yamlDepthOver } from '../../src/io/read-input.js';

async function file(content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'read-input-'));
  const name = path.join(dir, 'f');
  await writeFile(name, content);
  return name;
}

describe('readInputText', () => {
  it('drops a byte order mark and reads the rest', async () => {
    expect(await readInputJson(await file('\uFEFF[{"a": 1}]'), 'findings')).toEqual([{ a: 1 }]);
  });

  it('refuses a file over the cap of its kind, named with the variable that changes it', async () => {
    const f = await file(`[${' '.repeat(100)}]`);
    await expect(readInputText(f, 'findings', { maxBytes: 50 })).rejects.toThrow(/102 bytes is over the limit of 50 bytes .*HUBCHECK_MAX_FINDINGS_BYTES/);
    expect(await readInputText(f, 'findings', { maxBytes: 102 })).toHaveLength(102);
  });

  it('takes caps from the environment and refuses a bad value', () => {
    expect(maxBytes('config', { HUBCHECK_MAX_CONFIG_BYTES: '10' })).toBe(10);
    expect(maxBytes('config', {})).toBe(1024 * 1024);
    expect(() => maxBytes('config', { HUBCHECK_MAX_CONFIG_BYTES: '-1' })).toThrow(UsageError);
  });

  it('refuses a 50 MB config at once, without reading it', async () => {
    const f = await file(Buffer.alloc(50 * 1024 * 1024, 'a'));
    const started = Date.now();
    await expect(readInputText(f, 'config')).rejects.toThrow(/over the limit/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses text that is not UTF-8, and text with control characters, without quoting them', async () => {
    await expect(readInputText(await file(Buffer.from([0x5b, 0xff, 0x1b, 0x5d])), 'findings')).rejects.toThrow(/not UTF-8 text$/);
    await expect(readInputText(await file('[\u001b[31m]'), 'findings')).rejects.toThrow(/control characters/);
  });

  it('refuses a missing file with its error code', async () => {
    await expect(readInputText('/nonexistent/x.json', 'findings')).rejects.toThrow('cannot read /nonexistent/x.json: ENOENT');
  });
});

describe('depth counters', () => {
  it('JSON: counts brackets outside strings only, in linear time', () => {
    expect(jsonDepthOver('[[["[[[[[[[["]]]', 3)).toBeUndefined();
    expect(jsonDepthOver('{"a":{"b":[[1]]}}', 3)).toBe(11);
    expect(jsonDepthOver('["\\"[[[[", [[[]]]]', 3)).toBe(13);
    const started = Date.now();
    expect(jsonDepthOver('['.repeat(1_000_000), 64)).toBe(64);
    expect(jsonDepthOver(`"${'['.repeat(1_000_000)}"`, 64)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('YAML: over-counts flow brackets and compact block nesting, never under-counts', () => {
    expect(yamlDepthOver('regions:\n  - us-east-1\n  - eu-west-1\n', 3)).toBeUndefined();
    expect(yamlDepthOver('a: [[[1]]]\n', 3)).toBeDefined();
    expect(yamlDepthOver('- - - - x\n', 3)).toBeDefined();
    expect(yamlDepthOver(`${'- '.repeat(100_000)}x`, 32)).toBeDefined();
  });
});

describe('readInputLines', () => {
  const lines = async (f: string, max?: number) => {
    const out: [number, string][] = [];
    for await (const line of readInputLines(f, 'findings', max)) out.push([line.number, line.text]);
    return out;
  };

  it('reads lines across 1 MiB blocks, a character split between blocks, CRLF and no final newline', async () => {
    const long = `${'x'.repeat((1 << 20) - 3)}é€${'y'.repeat(10)}`;
    expect(await lines(await file(`[\r\n${long}\n\nlast`))).toEqual([[1, '['], [2, long], [3, ''], [4, 'last']]);
  });

  it('bounds each line, not the file, and names the line over the limit', async () => {
    const f = await file(`${'a'.repeat(40)}\n`.repeat(100));
    expect(await lines(f, 40)).toHaveLength(100);
    await expect(lines(await file(`short\n${'a'.repeat(41)}\nshort\n`), 40)).rejects.toThrow(/line 2 is over the limit of 40 bytes for one finding \(set HUBCHECK_MAX_FINDINGS_BYTES/);
    await expect(lines(await file(`short\n${'a'.repeat((1 << 20) + 10)}`), 1 << 20)).rejects.toThrow(/line 2 is over the limit/);
  });

  it('refuses what a whole read refuses: not a regular file, not UTF-8, control characters', async () => {
    await expect(lines(path.dirname(await file('x')))).rejects.toThrow(/it is a directory/);
    await expect(lines(await file(Buffer.from([0x5b, 0x0a, 0xff, 0xfe, 0x0a])))).rejects.toThrow(/not UTF-8/);
    await expect(lines(await file('[\n\u0001\n'))).rejects.toThrow(/control characters/);
  });
});
