/**
 * The organization bench's fake endpoint is faithful where it matters: one
 * account of the bench shape, seeded in moto and scanned through the bench
 * proxy, gives the same findings (rule, Region, resource, status, severity) as
 * the same shape served by the fake and scanned through AssumeRole, as the bench
 * scans it. Identifiers moto draws at random (security groups, VPCs, network
 * ACLs, KMS keys) and the account id are masked before comparing.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { NO_ANALYZERS, startProxy, type ThrottlingProxy } from '../../bench/proxy.js';
import { BENCH_REGIONS, ORG_ACCOUNT_SHAPE, seedLargeAccount } from '../../bench/seed.js';
import { MANAGEMENT_ACCOUNT, startFake, type FakeEndpoint } from '../../bench/fake/server.js';
import { ACCOUNT, MOTO_URL, describeMoto, resetMoto, runCli } from './moto.js';

const MEMBER = '100000000007';

const masked = (s: string) =>
  s
    .replace(new RegExp(`${ACCOUNT}|${MEMBER}`, 'g'), 'ACCOUNT')
    .replace(/\b(sg|vpc|acl)-[0-9a-f]{17}\b/g, '$1-*')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, 'key-*');

const essence = (findings: AwsSecurityFinding[]) =>
  findings
    .map((f) => masked(`${f.GeneratorId} ${f.Region} ${f.Resources?.[0]?.Type} ${f.Resources?.[0]?.Id} ${f.Compliance?.Status} ${f.Severity?.Label}`))
    .sort();

async function scan(url: string, extra: string[]): Promise<{ code: number; findings: AwsSecurityFinding[]; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-fake-parity-'));
  const out = path.join(dir, 'out');
  const run = await runCli(['scan', '--benchmark', 'cis-5.0.0', '--regions', BENCH_REGIONS.join(','), '--output-dir', out, '--state', path.join(dir, 'state.sqlite'), '--fail-on', 'none', '--no-progress', ...extra], { url });
  const findings = run.code === 0 ? (JSON.parse(await readFile(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[]) : [];
  return { code: run.code, findings, stderr: run.stderr };
}

describeMoto('the organization bench fake endpoint', () => {
  let proxy: ThrottlingProxy;
  let fake: FakeEndpoint;
  beforeAll(async () => {
    await resetMoto();
    await seedLargeAccount(MOTO_URL, ORG_ACCOUNT_SHAPE);
    proxy = await startProxy({ target: MOTO_URL, latencyMs: 0, standIns: NO_ANALYZERS });
    fake = await startFake({ shape: ORG_ACCOUNT_SHAPE, members: [MEMBER], management: MANAGEMENT_ACCOUNT, latencyMs: 0 });
  }, 300_000);
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
  });

  it('gives the same findings as moto for one account of the same shape', async () => {
    const moto = await scan(proxy.url, []);
    const faked = await scan(fake.url, ['--accounts', MEMBER, '--role-name', 'audit']);
    expect(moto.stderr).not.toMatch(/internal error/);
    expect([moto.code, faked.code]).toEqual([0, 0]);
    expect(fake.stats.unknown).toEqual({});
    // Every kind of answer is exercised: passing and failing results from IAM, S3, EC2, KMS and CloudTrail.
    const statuses = new Set(essence(faked.findings).map((e) => e.split(' ')[0] + ' ' + e.split(' ').at(-2)));
    for (const expected of ['hubcheck/iam-user-console-mfa-enabled FAILED', 'hubcheck/s3-bucket-ssl-requests-only PASSED', 'hubcheck/ec2-sg-admin-ports-ipv4-restricted FAILED', 'hubcheck/kms-key-rotation-enabled FAILED', 'hubcheck/cloudtrail-trail-kms-encrypted FAILED']) {
      expect(statuses).toContain(expected);
    }
    expect(faked.findings.length).toBeGreaterThan(500);
    expect(essence(faked.findings)).toEqual(essence(moto.findings));
  }, 300_000);
});
