/** The findings spool: what goes in comes out, in account order, from disk, and nothing is left behind. */
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { FindingSpool } from '../../src/io/finding-spool.js';
import { finding } from '../helpers/findings.js';

const spools = () => readdirSync(tmpdir()).filter((name) => name.startsWith('hubcheck-findings-'));

describe('FindingSpool', () => {
  it('gives back every finding, accounts in order, each account in the order added, as often as it is read', () => {
    const spool = FindingSpool.create();
    const b = [finding({ account: '222222222222', resource: 'b1' }), finding({ account: '222222222222', resource: 'b2' })];
    const a = [finding({ account: '111111111111', resource: 'a1' })];
    spool.add('222222222222', b);
    spool.add('111111111111', a);
    spool.add('333333333333', []);
    expect(spool.size).toBe(3);
    expect([...spool]).toEqual([...a, ...b]);
    expect([...spool]).toEqual([...a, ...b]);
    expect([...spool.groups()].map((g) => [g.key, g.findings.length])).toEqual([
      ['111111111111', 1],
      ['222222222222', 2],
      ['333333333333', 0],
    ]);
    spool.release();
  });

  it('reads lines longer than its read block, and characters split across blocks, intact', () => {
    const spool = FindingSpool.create();
    // Over 2 MB per finding, of multi-byte characters: the 1 MiB blocks end inside lines and inside characters.
    const big = (n: number): AwsSecurityFinding => ({ ...finding({ resource: `r${n}` }), Description: `${'é€𝄞'.repeat(300_000)}${n}` });
    const list = [big(1), big(2), finding({ resource: 'small' }), big(3)];
    spool.add('123456789012', list);
    expect([...spool]).toEqual(list);
    spool.release();
  });

  it('is made lazily, leaves no folder once released, and refuses to be read afterwards', () => {
    const before = new Set(spools());
    const spool = FindingSpool.create();
    spool.add('123456789012', [finding({})]);
    // Other test files may spool at the same time: this spool's folder is the one that is new and holds its file.
    const mine = spools().filter((name) => !before.has(name) && readdirSync(path.join(tmpdir(), name)).length === 1);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    spool.release();
    spool.release(); // twice is harmless
    expect(mine.filter((name) => existsSync(path.join(tmpdir(), name))).length).toBeLessThan(mine.length);
    // A released spool is not an empty one: reading it must fail, never pass for a run with no findings.
    expect(() => [...spool]).toThrow(/released/);
    expect(() => spool.add('123456789012', [])).toThrow(/released/);
  });
});

describe('FindingSpool after a killed run', () => {
  it("removes the spool of a process that is gone, and leaves a live process's alone", async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    // A process id that was in use and now is not: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const dead = path.join(tmpdir(), `hubcheck-findings-${gone}-test`);
    const living = path.join(tmpdir(), `hubcheck-findings-${process.ppid}-test`);
    for (const dir of [dead, living]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, '0.ndjson'), '{}\n');
    }
    // A new spool tidies up.
    const spool = FindingSpool.create();
    spool.add('123456789012', []);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(living)).toBe(true);
    spool.release();
    (await import('node:fs')).rmSync(living, { recursive: true, force: true });
  });
});
