/**
 * Storage outcomes moto cannot represent, through the real data layer with the
 * SDK clients mocked (spec/moto.md sections 6 and 7):
 * - S3.20 PASSED: moto never returns MFADelete;
 * - Macie.1 enabled or paused: moto's session dates lack a UTC offset and the JS
 *   SDK refuses them; and AWS's real answers for a disabled Macie
 *   (AccessDeniedException "Macie is not enabled."; moto answers
 *   ResourceNotFoundException) versus a missing permission;
 * - KMS.4 with an AWS managed key (moto's keys are all customer managed) and a
 *   key whose rotation status the key policy denies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, ListBucketsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AccessDeniedException, GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, KMSServiceException, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import kmsRotation from '../../rules/kms/kms-key-rotation-enabled.js';
import macieEnabled from '../../rules/macie/macie-account-enabled.js';
import mfaDelete from '../../rules/s3/s3-bucket-mfa-delete-enabled.js';
import { PromiseCache } from '../../src/data/cache.js';
import type { Rule } from '../../src/engine/rule.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';

const s3 = mockClient(S3Client);
const macie = mockClient(Macie2Client);
const kms = mockClient(KMSClient);
const sts = mockClient(STSClient);
afterEach(() => {
  for (const m of [s3, macie, kms, sts]) m.reset();
});

async function scan(rule: Rule, regions = ['us-east-1']) {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor', UserId: 'AIDA' });
  const { source } = mockedLiveSource();
  const result = await scanAccount(source, new PromiseCache(), {
    rules: [rule],
    benchmarks: ['5.0.0'],
    homeRegion: 'us-east-1',
    regions,
    now: new Date('2026-11-27T12:00:00Z'),
    logger: silentLogger,
  });
  return result.evaluations.flatMap((e) => e.results.map((r) => ({ region: e.region, name: r.resource.name, status: r.status, reason: r.reason })));
}

describe('storage rules through the live data layer', () => {
  it('S3.20 passes a bucket with MFA Delete enabled', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'vault', BucketRegion: 'us-east-1' }, { Name: 'scratch', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(
      new S3ServiceException({ name: 'NoSuchLifecycleConfiguration', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'none' }),
    );
    s3.on(GetBucketVersioningCommand, { Bucket: 'vault' }).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'scratch' }).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    expect(await scan(mfaDelete)).toEqual([
      expect.objectContaining({ name: 'scratch', status: 'FAILED' }),
      expect.objectContaining({ name: 'vault', status: 'PASSED' }),
    ]);
  });

  it('Macie.1 passes an enabled session and fails a paused one (moto\'s session dates cannot be parsed by the SDK)', async () => {
    macie.on(GetMacieSessionCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as Macie2Client).config.region();
      return { status: region === 'us-east-1' ? 'ENABLED' : 'PAUSED', createdAt: new Date('2026-01-01T00:00:00Z') };
    });
    expect((await scan(macieEnabled, ['us-east-1', 'eu-west-1'])).map((r) => [r.region, r.status, r.reason])).toEqual([
      ['eu-west-1', 'FAILED', 'Amazon Macie is paused in eu-west-1.'],
      ['us-east-1', 'PASSED', 'Amazon Macie is enabled in us-east-1.'],
    ]);
  });

  it('Macie.1 fails where AWS says Macie is not enabled, and is NOT_AVAILABLE where the permission is missing', async () => {
    const notEnabled = new AccessDeniedException({ $metadata: { httpStatusCode: 401 }, message: 'Macie is not enabled.' });
    const noPermission = new AccessDeniedException({
      $metadata: { httpStatusCode: 403 },
      message: 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: macie2:GetMacieSession on resource: arn:aws:macie2:eu-west-1:123456789012:*',
    });
    macie.on(GetMacieSessionCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as Macie2Client).config.region();
      throw region === 'us-east-1' ? notEnabled : noPermission;
    });
    expect(await scan(macieEnabled, ['us-east-1', 'eu-west-1'])).toEqual([
      { region: 'eu-west-1', name: '123456789012', status: 'NOT_AVAILABLE', reason: 'Missing permission macie2:GetMacieSession (AccessDeniedException)' },
      { region: 'us-east-1', name: '123456789012', status: 'FAILED', reason: 'Amazon Macie is not enabled in us-east-1.' },
    ]);
  });

  it('KMS.4 skips AWS managed keys and reports a key with denied rotation status NOT_AVAILABLE', async () => {
    const arn = (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id}`;
    kms.on(ListKeysCommand).resolves({ Keys: ['aws-s3', 'mine', 'guarded'].map((id) => ({ KeyId: id, KeyArn: arn(id) })) });
    kms.on(DescribeKeyCommand).callsFake((input: { KeyId: string }) => ({
      KeyMetadata: { KeyId: input.KeyId, Arn: arn(input.KeyId), KeyManager: input.KeyId === 'aws-s3' ? 'AWS' : 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS', KeyState: 'Enabled' },
    }));
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'mine' }).resolves({ KeyRotationEnabled: true });
    kms
      .on(GetKeyRotationStatusCommand, { KeyId: 'guarded' })
      .rejects(new KMSServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'not authorized' }));
    expect(await scan(kmsRotation)).toEqual([
      expect.objectContaining({ name: 'guarded', status: 'NOT_AVAILABLE', reason: 'Missing permission kms:GetKeyRotationStatus (AccessDeniedException)' }),
      expect.objectContaining({ name: 'mine', status: 'PASSED' }),
    ]);
    expect(kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId).sort()).toEqual(['guarded', 'mine']);
  });
});
