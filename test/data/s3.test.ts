import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPabCommand, S3ControlClient, S3ControlServiceException } from '@aws-sdk/client-s3-control';
import { locationToRegion } from '../../src/data/s3.js';
import { mockedLiveSource } from '../helpers/live.js';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
afterEach(() => {
  s3.reset();
  s3control.reset();
});

const s3Error = (name: string, status = 404) => new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

describe('S3 accessors', () => {
  it('lists buckets with their Regions, asking GetBucketLocation only where ListBuckets does not say', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'logs', CreationDate: new Date('2024-01-01T00:00:00Z'), BucketRegion: 'eu-central-1' },
        { Name: 'assets', CreationDate: new Date('2024-02-01T00:00:00Z') },
        { Name: 'legacy' },
        { Name: 'gone' },
      ],
    });
    s3.on(GetBucketLocationCommand, { Bucket: 'assets' }).resolves({ LocationConstraint: 'ap-south-1' });
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'gone' }).rejects(s3Error('NoSuchBucket'));
    const { data } = mockedLiveSource();
    expect(await data('eu-west-1').s3.buckets()).toEqual([
      { name: 'assets', creationDate: '2024-02-01T00:00:00.000Z', region: 'ap-south-1' },
      { name: 'legacy', creationDate: null, region: 'us-east-1' },
      { name: 'logs', creationDate: '2024-01-01T00:00:00.000Z', region: 'eu-central-1' },
    ]);
    expect(s3.commandCalls(GetBucketLocationCommand)).toHaveLength(3);
    // A parameter in the request is what makes S3 include BucketRegion in the listing.
    expect(s3.commandCalls(ListBucketsCommand)[0]?.args[0].input).toEqual({ MaxBuckets: 10_000 });
  });

  it('maps legacy location constraints to Regions', () => {
    expect([null, undefined, '', 'EU', 'us-west-2'].map((l) => locationToRegion(l))).toEqual(['us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1', 'us-west-2']);
  });

  it('answers null for what is not configured, and parses the policy', async () => {
    s3.on(GetBucketPolicyCommand, { Bucket: 'none' }).rejects(s3Error('NoSuchBucketPolicy'));
    s3.on(GetBucketPolicyCommand, { Bucket: 'tls' }).resolves({
      Policy: JSON.stringify({ Statement: { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::tls/*', Condition: { Bool: { 'aws:SecureTransport': false } } } }),
    });
    s3.on(GetPublicAccessBlockCommand).rejects(s3Error('NoSuchPublicAccessBlockConfiguration'));
    s3.on(GetBucketPolicyStatusCommand).rejects(s3Error('NoSuchBucketPolicy'));
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    const { data } = mockedLiveSource();
    const d = data('eu-west-1');
    expect(await d.s3.bucketPolicy('none')).toBeNull();
    const policy = await d.s3.bucketPolicy('tls');
    expect(policy?.document?.Statement).toEqual([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*'],
        NotAction: [],
        Resource: ['arn:aws:s3:::tls/*'],
        NotResource: [],
        Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
      },
    ]);
    expect(await d.s3.bucketPublicAccessBlock('tls')).toBeNull();
    expect(await d.s3.bucketPolicyStatus('tls')).toBeNull();
    expect(await d.s3.bucketVersioning('tls')).toEqual({ status: 'Enabled', mfaDelete: 'Enabled' });
  });

  it('does not hide a denied per-bucket read', async () => {
    s3.on(GetBucketPolicyCommand).rejects(s3Error('AccessDenied', 403));
    const { data } = mockedLiveSource();
    await expect(data().s3.bucketPolicy('secret')).rejects.toMatchObject({ name: 'DataUnavailable', reason: 'access-denied', action: 's3:GetBucketPolicy' });
  });

  it('reads the account-level Block Public Access for the scanned account', async () => {
    s3control.on(GetAccountPabCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true },
    });
    const { data } = mockedLiveSource();
    expect(await data().s3.accountPublicAccessBlock()).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    expect(s3control.commandCalls(GetAccountPabCommand)[0]?.args[0].input).toEqual({ AccountId: '123456789012' });
    s3control.reset();
    s3control.on(GetAccountPabCommand).rejects(new S3ControlServiceException({ name: 'NoSuchPublicAccessBlockConfiguration', $fault: 'client', $metadata: {}, message: 'none' }));
    expect(await mockedLiveSource().data().s3.accountPublicAccessBlock()).toBeNull();
  });
});
