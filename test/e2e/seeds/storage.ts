/**
 * Seed for the storage rules: S3.1, S3.5, S3.8, S3.20, the retired S3.4,
 * RDS.2/3/5/13/15, EFS.1/8, KMS.4 and Macie.1 in us-east-1 and eu-west-1.
 *
 * This family owns the account-level S3 Block Public Access and Macie: the seed
 * turns every account Block Public Access setting on and disables Macie in both
 * Regions. Everything else it makes is its own: buckets, DB instances and
 * clusters, file systems, keys.
 *
 * Outcomes moto cannot give, tested with aws-sdk-client-mock through the real
 * data layer instead (test/data/storage-live.test.ts):
 * - S3.20 PASSED: moto never returns MFADelete;
 * - Macie.1 PASSED or paused: moto 5.2.1 returns the session's createdAt and
 *   updatedAt without a UTC offset ("2026-11-27T22:00:18.952471"), which the JS
 *   SDK refuses ("Invalid RFC-3339 date-time value"), so only a disabled Macie
 *   (moto: ResourceNotFoundException) can be read from moto.
 */
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyRotationCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { DisableMacieCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { motoClient } from '../../../src/dev/moto-server.js';
import type { Expectation, Seed } from './seed.js';

export const ACCOUNT = '123456789012';

export const STORAGE_RULES = {
  accountPab: 's3-account-public-access-block-enabled',
  ssl: 's3-bucket-ssl-requests-only',
  bucketPab: 's3-bucket-public-access-block-enabled',
  mfaDelete: 's3-bucket-mfa-delete-enabled',
  encryption: 's3-bucket-default-encryption-enabled',
  rdsPublic: 'rds-instance-not-public',
  rdsEncrypted: 'rds-instance-storage-encrypted',
  rdsMultiAz: 'rds-instance-multi-az',
  rdsMinor: 'rds-instance-auto-minor-version-upgrade',
  clusterMultiAz: 'rds-cluster-multi-az',
  efsKms: 'efs-filesystem-kms-encrypted',
  efsAtRest: 'efs-filesystem-encrypted-at-rest',
  kmsRotation: 'kms-key-rotation-enabled',
  macie: 'macie-account-enabled',
} as const;

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const arn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const denyHttp = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn(bucket), `${arn(bucket)}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

async function seedS3(url: string): Promise<Expectation[]> {
  const { ssl, bucketPab, mfaDelete, encryption } = STORAGE_RULES;
  const use1 = motoClient(S3Client, url, 'us-east-1');
  const euw1 = motoClient(S3Client, url, 'eu-west-1');
  const inEu = { CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' as const } };

  // us-east-1: one compliant bucket, one with nothing configured.
  await use1.send(new CreateBucketCommand({ Bucket: 'storage-use1-good' }));
  await use1.send(new PutBucketPolicyCommand({ Bucket: 'storage-use1-good', Policy: policy(denyHttp('storage-use1-good')) }));
  await use1.send(new PutPublicAccessBlockCommand({ Bucket: 'storage-use1-good', PublicAccessBlockConfiguration: ALL_ON }));
  await use1.send(
    new PutBucketEncryptionCommand({
      Bucket: 'storage-use1-good',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    }),
  );
  await use1.send(new CreateBucketCommand({ Bucket: 'storage-use1-bare' }));

  // eu-west-1: TLS deny spelled differently, encryption through a policy deny, a lifecycle rule
  // (no S3.20 finding); and a bucket protected only by s3:TlsVersion, with one PAB setting off.
  await euw1.send(new CreateBucketCommand({ Bucket: 'storage-euw1-good', ...inEu }));
  await euw1.send(
    new PutBucketPolicyCommand({
      Bucket: 'storage-euw1-good',
      Policy: policy(
        { ...denyHttp('storage-euw1-good'), Principal: { AWS: '*' }, Resource: `${arn('storage-euw1-good')}/*`, Condition: { Bool: { 'aws:SecureTransport': false } } },
        {
          Sid: 'DenyUnencryptedUploads',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${arn('storage-euw1-good')}/*`,
          Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
        },
      ),
    }),
  );
  await euw1.send(new PutPublicAccessBlockCommand({ Bucket: 'storage-euw1-good', PublicAccessBlockConfiguration: ALL_ON }));
  await euw1.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'storage-euw1-good',
      LifecycleConfiguration: { Rules: [{ ID: 'expire-tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }] },
    }),
  );
  await euw1.send(new CreateBucketCommand({ Bucket: 'storage-euw1-tls12', ...inEu }));
  await euw1.send(
    new PutBucketPolicyCommand({
      Bucket: 'storage-euw1-tls12',
      Policy: policy({ ...denyHttp('storage-euw1-tls12'), Sid: 'DenyOldTls', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
    }),
  );
  await euw1.send(new PutPublicAccessBlockCommand({ Bucket: 'storage-euw1-tls12', PublicAccessBlockConfiguration: { ...ALL_ON, RestrictPublicBuckets: false } }));
  await euw1.send(
    new PutBucketEncryptionCommand({
      Bucket: 'storage-euw1-tls12',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
    }),
  );
  await euw1.send(new PutBucketVersioningCommand({ Bucket: 'storage-euw1-tls12', VersioningConfiguration: { Status: 'Enabled' } }));

  await motoClient(S3ControlClient, url).send(new PutAccountPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: ALL_ON }));

  const e = (rule: string, region: string, resource: string, status: Expectation['status']): Expectation => ({ rule, region, resource, status });
  return [
    e(STORAGE_RULES.accountPab, 'us-east-1', ACCOUNT, 'PASSED'),
    e(ssl, 'us-east-1', 'storage-use1-good', 'PASSED'),
    e(ssl, 'us-east-1', 'storage-use1-bare', 'FAILED'),
    e(ssl, 'eu-west-1', 'storage-euw1-good', 'PASSED'),
    e(ssl, 'eu-west-1', 'storage-euw1-tls12', 'FAILED'),
    e(bucketPab, 'us-east-1', 'storage-use1-good', 'PASSED'),
    e(bucketPab, 'us-east-1', 'storage-use1-bare', 'FAILED'),
    e(bucketPab, 'eu-west-1', 'storage-euw1-good', 'PASSED'),
    e(bucketPab, 'eu-west-1', 'storage-euw1-tls12', 'FAILED'),
    e(mfaDelete, 'us-east-1', 'storage-use1-good', 'FAILED'),
    e(mfaDelete, 'us-east-1', 'storage-use1-bare', 'FAILED'),
    e(mfaDelete, 'eu-west-1', 'storage-euw1-tls12', 'FAILED'),
    e(encryption, 'us-east-1', 'storage-use1-good', 'PASSED'),
    e(encryption, 'us-east-1', 'storage-use1-bare', 'FAILED'),
    e(encryption, 'eu-west-1', 'storage-euw1-good', 'PASSED'),
    e(encryption, 'eu-west-1', 'storage-euw1-tls12', 'PASSED'),
  ];
}

async function seedRds(url: string): Promise<Expectation[]> {
  const { rdsPublic, rdsEncrypted, rdsMultiAz, rdsMinor, clusterMultiAz } = STORAGE_RULES;
  const use1 = motoClient(RDSClient, url, 'us-east-1');
  const euw1 = motoClient(RDSClient, url, 'eu-west-1');
  const login = { MasterUsername: 'admin', MasterUserPassword: 'Correct-Horse-9' };
  await use1.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'storage-db-good',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      AllocatedStorage: 20,
      ...login,
      PubliclyAccessible: false,
      StorageEncrypted: true,
      MultiAZ: true,
      AutoMinorVersionUpgrade: true,
    }),
  );
  await use1.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'storage-db-bad',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'mysql',
      AllocatedStorage: 20,
      ...login,
      PubliclyAccessible: true,
      StorageEncrypted: false,
      MultiAZ: false,
      AutoMinorVersionUpgrade: false,
    }),
  );
  // eu-west-1: an Aurora cluster with one writer (single AZ) and one with a writer and a
  // reader in two AZs. Their instances are not judged by RDS.5.
  for (const [cluster, zones] of [
    ['storage-aurora-single', ['eu-west-1a']],
    ['storage-aurora-spread', ['eu-west-1a', 'eu-west-1b']],
  ] as const) {
    await euw1.send(new CreateDBClusterCommand({ DBClusterIdentifier: cluster, Engine: 'aurora-postgresql', StorageEncrypted: true, ...login }));
    for (const [i, zone] of zones.entries()) {
      await euw1.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: `${cluster}-${i + 1}`,
          DBClusterIdentifier: cluster,
          DBInstanceClass: 'db.r6g.large',
          Engine: 'aurora-postgresql',
          AvailabilityZone: zone,
          PubliclyAccessible: false,
        }),
      );
    }
  }
  const e = (rule: string, region: string, resource: string, status: Expectation['status']): Expectation => ({ rule, region, resource, status });
  const members = ['storage-aurora-single-1', 'storage-aurora-spread-1', 'storage-aurora-spread-2'];
  return [
    e(rdsPublic, 'us-east-1', 'storage-db-good', 'PASSED'),
    e(rdsPublic, 'us-east-1', 'storage-db-bad', 'FAILED'),
    e(rdsEncrypted, 'us-east-1', 'storage-db-good', 'PASSED'),
    e(rdsEncrypted, 'us-east-1', 'storage-db-bad', 'FAILED'),
    e(rdsMultiAz, 'us-east-1', 'storage-db-good', 'PASSED'),
    e(rdsMultiAz, 'us-east-1', 'storage-db-bad', 'FAILED'),
    e(rdsMinor, 'us-east-1', 'storage-db-good', 'PASSED'),
    e(rdsMinor, 'us-east-1', 'storage-db-bad', 'FAILED'),
    ...members.flatMap((m) => [e(rdsPublic, 'eu-west-1', m, 'PASSED'), e(rdsEncrypted, 'eu-west-1', m, 'PASSED'), e(rdsMinor, 'eu-west-1', m, 'PASSED')]),
    e(clusterMultiAz, 'eu-west-1', 'storage-aurora-single', 'FAILED'),
    e(clusterMultiAz, 'eu-west-1', 'storage-aurora-spread', 'PASSED'),
  ];
}

async function seedEfs(url: string): Promise<Expectation[]> {
  const expectations: Expectation[] = [];
  for (const [region, token, encrypted] of [
    ['us-east-1', 'storage-efs-encrypted', true],
    ['us-east-1', 'storage-efs-plain', false],
    ['eu-west-1', 'storage-efs-eu-plain', false],
    ['eu-west-1', 'storage-efs-eu-encrypted', true],
  ] as const) {
    const fs = await motoClient(EFSClient, url, region).send(new CreateFileSystemCommand({ CreationToken: token, Encrypted: encrypted }));
    for (const rule of [STORAGE_RULES.efsKms, STORAGE_RULES.efsAtRest]) {
      expectations.push({ rule, region, resource: fs.FileSystemId ?? token, status: encrypted ? 'PASSED' : 'FAILED' });
    }
  }
  return expectations;
}

async function seedKms(url: string): Promise<{ expectations: Expectation[]; skipped: string[] }> {
  const expectations: Expectation[] = [];
  const skipped: string[] = [];
  for (const region of ['us-east-1', 'eu-west-1']) {
    const kms = motoClient(KMSClient, url, region);
    const create = async (description: string, extra: { KeySpec?: 'RSA_2048' } = {}) =>
      (await kms.send(new CreateKeyCommand({ Description: description, ...extra }))).KeyMetadata?.KeyId ?? '';
    const rotating = await create('rotating');
    await kms.send(new EnableKeyRotationCommand({ KeyId: rotating }));
    expectations.push({ rule: STORAGE_RULES.kmsRotation, region, resource: rotating, status: 'PASSED' });
    expectations.push({ rule: STORAGE_RULES.kmsRotation, region, resource: await create('stale'), status: 'FAILED' });
    if (region === 'us-east-1') {
      const disabled = await create('disabled, not rotating');
      await kms.send(new DisableKeyCommand({ KeyId: disabled }));
      expectations.push({ rule: STORAGE_RULES.kmsRotation, region, resource: disabled, status: 'FAILED' });
      const doomed = await create('pending deletion');
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
      skipped.push(doomed, await create('asymmetric', { KeySpec: 'RSA_2048' }));
    }
  }
  return { expectations, skipped };
}

/** Key ids that must get no KMS.4 finding (pending deletion, asymmetric); filled by the last seed() call. */
export const storageSkippedKeys: string[] = [];

export const storageSeed: Seed = {
  name: 'storage',
  rules: Object.values(STORAGE_RULES),
  async seed(url) {
    // Macie is on by default in moto, but an enabled session cannot be read by the JS SDK (above).
    for (const region of ['us-east-1', 'eu-west-1']) await motoClient(Macie2Client, url, region).send(new DisableMacieCommand({}));
    const kms = await seedKms(url);
    storageSkippedKeys.splice(0, storageSkippedKeys.length, ...kms.skipped);
    return [
      ...(await seedS3(url)),
      ...(await seedRds(url)),
      ...(await seedEfs(url)),
      ...kms.expectations,
      { rule: STORAGE_RULES.macie, region: 'us-east-1', resource: ACCOUNT, status: 'FAILED' },
      { rule: STORAGE_RULES.macie, region: 'eu-west-1', resource: ACCOUNT, status: 'FAILED' },
    ];
  },
};
