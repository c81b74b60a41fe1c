/**
 * The storage rules end to end: seed moto with a compliant and a non-compliant
 * case per rule across two Regions, run the built CLI, check every finding's
 * Compliance.Status, that nothing else is reported (skipped buckets, instances
 * and keys), validity, and one AWS call per read. The account-level settings
 * this family owns: Macie is disabled in both Regions (moto's enabled session
 * cannot be parsed by the JS SDK), and the account S3 Block Public Access is
 * changed for further scans.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DeletePublicAccessBlockCommand, PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';
import { STORAGE_RULES, storageSeed, storageSkippedKeys } from './seeds/storage.js';
import { unmetExpectations, type Expectation } from './seeds/seed.js';

async function scan(rules: readonly string[] = storageSeed.rules) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-storage-'));
  const result = await runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--rules', rules.join(','), '--output-dir', dir, '--no-progress']);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
  return { ...result, dir, findings, document };
}

const of = (findings: AwsSecurityFinding[], rule: string) => findings.filter((f) => f.ProductFields?.['hubcheck/RuleId'] === rule);

describeMoto('scan with the storage rules against moto', () => {
  let expectations: Expectation[] = [];
  let first: Awaited<ReturnType<typeof scan>>;

  beforeAll(async () => {
    await resetMoto();
    expectations = await storageSeed.seed(MOTO_URL);
    first = await scan();
  });

  it('gives the expected status for every rule and resource, in two Regions, and nothing else', () => {
    expect(first.stderr).not.toMatch(/"level":(50|60)/);
    expect(first.code).toBe(1);
    expect(unmetExpectations(first.findings, expectations)).toEqual([]);
    // Nothing beyond the expectations: the lifecycle bucket (S3.20), the Aurora instances
    // (RDS.5) and the pending-deletion and asymmetric keys (KMS.4) get no finding.
    expect(first.findings).toHaveLength(expectations.length);
    expect(new Set(first.findings.map((f) => f.Id)).size).toBe(first.findings.length);
    const kmsIds = of(first.findings, STORAGE_RULES.kmsRotation).map((f) => f.ProductFields?.['hubcheck/ResourceName']);
    for (const skipped of storageSkippedKeys) expect(kmsIds).not.toContain(skipped);
  });

  it('explains the s3:TlsVersion-only bucket and keeps the retired S3.4 out of SecurityControlId', () => {
    const tls12 = of(first.findings, STORAGE_RULES.ssl).find((f) => f.Resources?.[0]?.Id === 'arn:aws:s3:::storage-euw1-tls12');
    expect(tls12?.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('TLS_VERSION_DENY_ONLY');
    const encryption = of(first.findings, STORAGE_RULES.encryption);
    expect(encryption.length).toBeGreaterThan(0);
    for (const f of encryption) expect(f.Compliance?.SecurityControlId).toBeUndefined();
    expect(first.findings.some((f) => f.Compliance?.SecurityControlId === 'S3.4')).toBe(false);
  });

  it('writes findings that hubcheck validate accepts, and makes each AWS read once', async () => {
    const validation = await runCli(['validate', path.join(first.dir, 'findings.asff.json')]);
    expect(validation.stderr).toBe('');
    expect(validation.code).toBe(0);
    expect(first.document.errors).toEqual([]);
    const calls = first.document.apiCalls.byOperation;
    // Account-wide reads: once per scan.
    expect(calls['s3:ListBuckets']).toBe(1);
    expect(calls['s3control:GetPublicAccessBlock']).toBe(1);
    // Per bucket, once, although several rules read the same policy (S3.5 and S3.4).
    expect(calls['s3:GetBucketPolicy']).toBe(4); // S3.5 reads all four; S3.4 reuses two of them
    expect(calls['s3:GetPublicAccessBlock']).toBe(4);
    expect(calls['s3:GetBucketEncryption']).toBe(4);
    expect(calls['s3:GetBucketLifecycleConfiguration']).toBe(4);
    expect(calls['s3:GetBucketVersioning']).toBe(3); // not for the bucket with a lifecycle configuration
    // Each bucket is read with a client in its own Region: two buckets per Region.
    const scope = (region: string) => first.document.apiCalls.byScope[`${ACCOUNT}/${region}`].byOperation;
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect(scope(region)['s3:GetBucketPolicy'], region).toBe(2);
      expect(scope(region)['s3:GetPublicAccessBlock'], region).toBe(2);
    }
    // Regional lists: once per Region, shared by every rule that reads them.
    expect(calls['rds:DescribeDBInstances']).toBe(2);
    expect(calls['rds:DescribeDBClusters']).toBe(2);
    expect(calls['elasticfilesystem:DescribeFileSystems']).toBe(2);
    expect(calls['kms:ListKeys']).toBe(2);
    expect(calls['macie2:GetMacieSession']).toBe(2);
    // KMS: one DescribeKey per key (7), rotation only for the customer symmetric keys in use (5).
    expect(calls['kms:DescribeKey']).toBe(7);
    expect(calls['kms:GetKeyRotationStatus']).toBe(5);
  });

  it('reports the other outcome of the account Block Public Access after it changes', async () => {
    await client(S3ControlClient).send(
      new PutPublicAccessBlockCommand({
        AccountId: ACCOUNT,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
      }),
    );
    let { findings } = await scan([STORAGE_RULES.accountPab]);
    expect(of(findings, STORAGE_RULES.accountPab).map((f) => [f.Resources?.[0]?.Region, f.Compliance?.Status, f.Description])).toEqual([
      ['us-east-1', 'FAILED', 'Account-level S3 Block Public Access has BlockPublicPolicy off.'],
    ]);
    await client(S3ControlClient).send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
    ({ findings } = await scan([STORAGE_RULES.accountPab]));
    expect(of(findings, STORAGE_RULES.accountPab).map((f) => [f.Compliance?.Status, f.Compliance?.StatusReasons?.[0]?.ReasonCode])).toEqual([
      ['FAILED', 'NO_PUBLIC_ACCESS_BLOCK'],
    ]);
    // Macie.1's other outcomes (enabled, paused) cannot be read from moto: see seeds/storage.ts
    // and test/data/storage-live.test.ts.
  });
});
