/**
 * Past one machine: an organization bench run split into 4 shards
 * (`--shard i/4`, as a Kubernetes Indexed Job runs them, one per completion
 * index) and joined with `hubcheck merge` equals the unsharded run: the same
 * findings, counts, accounts and per-rule results. Served by the bench's fake
 * endpoint (no moto needed), 8 member accounts listed by --organization.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { BENCH_REGIONS, ORG_ACCOUNT_SHAPE } from '../../bench/seed.js';
import { MANAGEMENT_ACCOUNT, memberIds, startFake, type FakeEndpoint } from '../../bench/fake/server.js';
import { runCli } from './moto.js';

const MEMBERS = memberIds(8);
const read = async (dir: string) => ({
  findings: JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[],
  document: JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8')) as {
    accounts: { id: string }[];
    counts: object;
    rules: { id: string; results: object }[];
  },
});
const essence = (findings: AwsSecurityFinding[]) => findings.map((f) => `${f.Id} ${f.Compliance?.Status} ${f.Severity?.Label}`).sort();

describe('sharding the organization bench', () => {
  let fake: FakeEndpoint;
  let dir = '';
  beforeAll(async () => {
    fake = await startFake({ shape: ORG_ACCOUNT_SHAPE, members: MEMBERS, management: MANAGEMENT_ACCOUNT, latencyMs: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-org-shards-'));
  });
  afterAll(() => fake?.close());

  const scan = async (name: string, extra: string[]) => {
    const run = await runCli(
      ['scan', '--organization', '--role-name', 'hubcheck-audit', '--regions', BENCH_REGIONS.join(','), '--output-dir', path.join(dir, name), '--no-state', '--fail-on', 'none', '--no-progress', ...extra],
      { url: fake.url },
    );
    expect(run.stderr).not.toMatch(/internal error|was not scanned/);
    return run.code;
  };

  it('4 shards merged equal the unsharded run', async () => {
    const shards = ['1/4', '2/4', '3/4', '4/4'];
    const codes = await Promise.all([scan('whole', []), ...shards.map((s, i) => scan(`shard-${i + 1}`, ['--shard', s]))]);
    expect(codes).toEqual([0, 0, 0, 0, 0]);
    expect(fake.stats.unknown).toEqual({});
    const parts = await Promise.all(shards.map((_, i) => read(path.join(dir, `shard-${i + 1}`))));
    // Every account in exactly one shard.
    const sharded = parts.flatMap((p) => p.document.accounts.map((a) => a.id));
    expect(sharded.sort()).toEqual(MEMBERS);
    expect(parts.every((p) => p.document.accounts.length === 2)).toBe(true);

    const merged = await runCli(['merge', ...shards.map((_, i) => path.join(dir, `shard-${i + 1}`)), '--output-dir', path.join(dir, 'merged')]);
    expect(merged.code).toBe(0);
    const m = await read(path.join(dir, 'merged'));
    const w = await read(path.join(dir, 'whole'));
    expect(w.findings.length).toBeGreaterThan(8 * 400);
    expect(essence(m.findings)).toEqual(essence(w.findings));
    expect(m.document.counts).toEqual(w.document.counts);
    expect(m.document.accounts.map((a) => a.id)).toEqual(MEMBERS);
    expect(m.document.rules.map((r) => [r.id, r.results])).toEqual(w.document.rules.map((r) => [r.id, r.results]));
  }, 300_000);
});
