/**
 * The shared S3 and CloudTrail accessors against moto: bucket Regions through
 * GetBucketLocation, per-bucket reads with a client in the bucket's Region, the
 * S3 Control endpoint workaround, shadow trails and home-Region trail reads.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { ApiStats } from '../../src/data/api-stats.js';
import { PromiseCache } from '../../src/data/cache.js';
import { ClientPool, createHttpHandler } from '../../src/data/clients.js';
import { AccountData } from '../../src/data/layer.js';
import { LiveSource } from '../../src/data/live-source.js';
import { ACCOUNT, DUMMY, MOTO_URL, client, describeMoto, resetMoto } from './moto.js';

describeMoto('S3 and CloudTrail accessors on moto', () => {
  const handler = createHttpHandler();
  const stats = new ApiStats();
  let account: AccountData;

  beforeAll(async () => {
    await resetMoto();
    await client(S3Client, 'us-east-1').send(new CreateBucketCommand({ Bucket: 'acme-use1' }));
    await client(S3Client, 'eu-west-1').send(new CreateBucketCommand({ Bucket: 'acme-euw1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await client(S3Client, 'eu-west-1').send(
      new PutBucketPolicyCommand({
        Bucket: 'acme-euw1',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-euw1/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
      }),
    );
    await client(S3ControlClient).send(
      new PutPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
    );
    const ct = client(CloudTrailClient, 'eu-west-1');
    await ct.send(new CreateTrailCommand({ Name: 'org-trail', S3BucketName: 'acme-euw1', IsMultiRegionTrail: true }));
    await ct.send(new PutEventSelectorsCommand({ TrailName: 'org-trail', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
    await ct.send(new StartLoggingCommand({ Name: 'org-trail' }));

    const pool = new ClientPool({ credentials: DUMMY, stats, httpHandler: handler, endpoint: MOTO_URL, maxAttempts: 1 });
    pool.setAccount(ACCOUNT);
    account = new AccountData(new LiveSource(pool), new PromiseCache(), { account: ACCOUNT, arn: 'arn:aws:iam::123456789012:user/t', userId: 'u', partition: 'aws' }, 'us-east-1');
  });
  afterAll(() => handler.destroy());

  it('places buckets in their Regions and reads each with a client there', async () => {
    const buckets = await account.layer('us-east-1').s3.buckets();
    expect(buckets).toEqual([
      expect.objectContaining({ name: 'acme-euw1', region: 'eu-west-1' }),
      expect.objectContaining({ name: 'acme-use1', region: 'us-east-1' }),
    ]);
    const policy = await account.layer('eu-west-1').s3.bucketPolicy('acme-euw1');
    expect(policy?.document?.Statement[0]?.Condition).toEqual({ Bool: { 'aws:SecureTransport': ['false'] } });
    expect(await account.layer('us-east-1').s3.bucketPolicy('acme-use1')).toBeNull();
    expect(stats.snapshot().byScope[`${ACCOUNT}/eu-west-1`]?.byOperation).toMatchObject({ 's3:GetBucketPolicy': 1 });
  });

  it('reads the account Block Public Access through S3 Control', async () => {
    expect(await account.layer('us-east-1').s3.accountPublicAccessBlock()).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
  });

  it('sees a multi-Region trail from another Region and reads its selectors at home', async () => {
    const [trail] = await account.layer('us-east-1').cloudtrail.trails();
    expect(trail).toMatchObject({ Name: 'org-trail', HomeRegion: 'eu-west-1', IsMultiRegionTrail: true });
    const home = account.layer('eu-west-1');
    expect((await home.cloudtrail.trailStatus(trail?.TrailARN ?? '')).isLogging).toBe(true);
    expect((await home.cloudtrail.eventSelectors(trail?.TrailARN ?? '')).eventSelectors).toEqual([
      expect.objectContaining({ ReadWriteType: 'All', IncludeManagementEvents: true }),
    ]);
  });
});
