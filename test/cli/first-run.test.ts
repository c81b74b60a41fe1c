/**
 * What a new user meets first: the files a scan writes by default and the line that
 * says which one to open, help that shows real defaults, colour only where it belongs,
 * and a closed pipe that ends the command quietly.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { colorEnabled, colors } from '../../src/cli/color.js';
import { main } from '../../src/cli/main.js';
import { openHint } from '../../src/cli/open-hint.js';
import { cli } from '../helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const ESC = '\u001b[';

describe('scan defaults', () => {
  it('writes report.html and summary.md besides the JSON, and ends by naming the page to open', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-first-')), 'run');
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--rules', 'IAM.5', '--output-dir', out, '--no-progress', '--no-state']);
    expect((await readdir(out)).sort()).toEqual(['.hubcheck-set.json', 'findings.asff.json', 'report.html', 'scan.json', 'summary.md']);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`Open ${path.join(out, 'report.html')} in a browser to see what to fix first.`);
    expect(result.stderr).not.toContain(ESC);
  }, 60_000);

  it('still lets --format choose', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-first-')), 'run');
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--rules', 'IAM.5', '--output-dir', out, '--format', 'csv', '--no-progress', '--no-state']);
    expect((await readdir(out)).sort()).toEqual(['.hubcheck-set.json', 'findings.asff.json', 'findings.csv', 'scan.json']);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`Open ${path.join(out, 'findings.csv')} to see what to fix first.`);
  }, 60_000);

  it('names the best file written', () => {
    expect(openHint('out', ['md', 'junit'])).toBe(`Open ${path.join('out', 'summary.md')} to see what to fix first.`);
    expect(openHint('out', [])).toBe(`Open ${path.join('out', 'findings.asff.json')} to see what to fix first.`);
  });
});

describe('help', () => {
  it.each(['scan', 'demo', 'rules'])('hubcheck %s --help shows no empty default', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\(default: \[\]\)/);
  });

  it('says what scan writes by default', async () => {
    const result = await cli(['scan', '--help']);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('default: html,md');
  });
});

describe('colour', () => {
  it('is on for a terminal only, and off with NO_COLOR or --no-color', () => {
    expect(colorEnabled({ isTTY: true }, ['scan'], {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, ['scan'], {})).toBe(false);
    expect(colorEnabled({}, ['scan'], {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, ['scan', '--no-color'], {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, ['scan'], { NO_COLOR: '1' })).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(colorEnabled({ isTTY: true }, ['scan'], { NO_COLOR: '' })).toBe(true);
  });

  it('paints the summary when asked to, and only then', () => {
    expect(colors(true).red('FAILED')).toContain(ESC);
    expect(colors(false).red('FAILED')).toBe('FAILED');
  });

  it('reaches the scan summary through the CLI', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-first-')), 'run');
    const stderr = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream & PassThrough;
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const args = ['scan', '--replay', 'demo/acme-snapshot.json', '--rules', 'IAM.5', '--output-dir', out, '--no-progress', '--no-state'];
    await main(args, { stdout: new PassThrough(), stderr, color: undefined });
    expect(text).toContain(`${ESC}`);
    text = '';
    await main([...args, '--no-color'], { stdout: new PassThrough(), stderr, color: undefined });
    expect(text).toContain('FAILED');
    expect(text).not.toContain(ESC);
  }, 60_000);
});

describe('a closed pipe', () => {
  it.skipIf(!existsSync(BIN))('ends `hubcheck rules --all --wide | head -1` quietly (needs npm run build)', async () => {
    const child = spawn(process.execPath, [BIN, 'rules', '--all', '--wide'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end as `head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});
