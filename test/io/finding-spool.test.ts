/** The findings spool: what goes in comes out, in account order, from disk, and nothing is left behind. */
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { FindingSpool } from '../../src/io/finding-spool.js';
import { findingsJsonChunks } from '../../src/io/findings-json.js';
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

  it("puts an account's pieces in their order whatever order they came in, and seals them into one", () => {
    const spool = FindingSpool.create();
    const f = (rule: string, region: string) => ({ ...finding({ rule, region }), Title: `${rule} ${region}` });
    // Evaluations end in any order; the account's findings follow (rule, Region), as the engine sorts its evaluations.
    spool.add('111111111111', [f('b-rule', 'us-east-1')], ['b-rule', 'us-east-1']);
    spool.add('111111111111', [f('a-rule', 'us-west-2'), f('a-rule', 'us-west-2')], ['a-rule', 'us-west-2']);
    spool.add('000000000000', [f('z-rule', 'us-east-1')], ['z-rule', 'us-east-1']);
    spool.add('111111111111', [f('a-rule', 'eu-west-1')], ['a-rule', 'eu-west-1']);
    const expected = ['z-rule us-east-1', 'a-rule eu-west-1', 'a-rule us-west-2', 'a-rule us-west-2', 'b-rule us-east-1'];
    expect([...spool].map((x) => x.Title)).toEqual(expected);
    expect([...spool.groups()].map((g) => [g.key, g.findings.length])).toEqual([
      ['000000000000', 1],
      ['111111111111', 4],
    ]);
    spool.seal('111111111111');
    spool.seal('222222222222'); // an account with nothing to report is still there
    expect(spool.size).toBe(5);
    expect([...spool].map((x) => x.Title)).toEqual(expected);
    expect([...spool.groups()].map((g) => [g.key, g.findings.length])).toEqual([
      ['000000000000', 1],
      ['111111111111', 4],
      ['222222222222', 0],
    ]);
    spool.release();
  });

  it('keeps every piece of many accounts written in turn, more than it keeps files open for', () => {
    const spool = FindingSpool.create();
    const accounts = Array.from({ length: 40 }, (_, i) => String(100000000000 + i));
    const f = (account: string, rule: string) => ({ ...finding({ account, rule }), Title: `${account} ${rule}` });
    // Rules end in turn across all accounts at once, each account's in reverse order.
    for (const rule of ['r3', 'r2', 'r1']) for (const account of accounts) spool.add(account, [f(account, rule), f(account, rule)], [rule]);
    expect([...spool].map((x) => x.Title)).toEqual(accounts.flatMap((a) => ['r1', 'r1', 'r2', 'r2', 'r3', 'r3'].map((r) => `${a} ${r}`)));
    for (const account of accounts) spool.seal(account);
    const expected = accounts.flatMap((a) => ['r1', 'r1', 'r2', 'r2', 'r3', 'r3'].map((r) => `${a} ${r}`));
    expect([...spool].map((x) => x.Title)).toEqual(expected);
    expect(spool.size).toBe(expected.length);
    expect([...spool.groups()].map((g) => g.findings.length)).toEqual(accounts.map(() => 6));
    spool.release();
  });

  it('gives its findings as JSON lines, and a findings file from them is the one written from the findings', () => {
    const spool = FindingSpool.create();
    // About 3 MB in all: the file is made of several 1 MiB pieces.
    const many = (account: string) => Array.from({ length: 1500 }, (_, i) => ({ ...finding({ account, resource: `r${i}` }), Description: `${'d'.repeat(900)} é ${i}` }));
    spool.add('222222222222', many('222222222222'), ['b']);
    spool.add('111111111111', many('111111111111'), ['a']);
    const parsed = [...spool];
    expect([...spool.jsonLines()]).toEqual(parsed.map((f) => JSON.stringify(f)));
    const fromLines = [...findingsJsonChunks(spool)];
    expect(fromLines.length).toBeGreaterThan(2);
    expect(fromLines.join('')).toBe([...findingsJsonChunks(parsed)].join(''));
    expect(JSON.parse(fromLines.join(''))).toEqual(parsed);
    spool.release();
    expect([...findingsJsonChunks([])].join('')).toBe('[]\n');
  });

  it('keeps nothing of a piece whose findings failed to be made part way', () => {
    const spool = FindingSpool.create();
    spool.add('111111111111', [finding({ resource: 'a' })], ['a']);
    // Over one write block before the failure: part of the piece is on disk when it throws.
    const failing = function* () {
      for (let i = 0; i < 1200; i++) yield { ...finding({ resource: `b${i}` }), Description: 'x'.repeat(1000) };
      throw new Error('rule broke');
    };
    expect(() => spool.add('111111111111', failing(), ['b'])).toThrow('rule broke');
    spool.add('111111111111', [finding({ resource: 'c' })], ['c']);
    spool.seal('111111111111');
    expect([...spool].map((f) => f.Resources?.[0]?.Id)).toEqual(['a', 'c']);
    expect(spool.size).toBe(2);
    spool.release();
  });

  it("drops an account's pieces when its scan fails after some were written", () => {
    const spool = FindingSpool.create();
    spool.add('111111111111', [finding({ account: '111111111111' })], ['r', 'us-east-1']);
    spool.add('222222222222', [finding({ account: '222222222222' }), finding({ account: '222222222222', resource: 'x' })], ['r', 'us-east-1']);
    spool.add('222222222222', [finding({ account: '222222222222', resource: 'y' })], ['s', 'us-east-1']);
    spool.discard('222222222222');
    expect(spool.size).toBe(1);
    expect([...spool].map((x) => x.AwsAccountId)).toEqual(['111111111111']);
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
