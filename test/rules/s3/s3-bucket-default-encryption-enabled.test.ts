import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-default-encryption-enabled.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketInfo, BucketPolicy } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const bucket = (name: string): BucketInfo => ({ name, region: 'us-east-1', creationDate: null });
const policy = (...statements: object[]): BucketPolicy => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { text, document: parsePolicyDocument(text) };
};
const putDeny = (name: string, condition: object, overrides: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${name}/*`,
  Condition: condition,
  ...overrides,
});

const encryption: Record<string, unknown> = {
  'sse-s3': [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
  'sse-kms': [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/data' }, BucketKeyEnabled: true }],
};
const policies: Record<string, unknown> = {
  'deny-not-equals': policy(putDeny('deny-not-equals', { StringNotEquals: { 's3:x-amz-server-side-encryption': ['AES256', 'aws:kms'] } })),
  'deny-null': policy(putDeny('deny-null', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, { Action: 's3:*' })),
  'deny-wrong-value': policy(putDeny('deny-wrong-value', { StringNotEquals: { 's3:x-amz-server-side-encryption': 'none' } })),
  'deny-one-principal': policy(putDeny('deny-one-principal', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
  'deny-bucket-only': policy(putDeny('deny-bucket-only', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, { Resource: 'arn:aws:s3:::deny-bucket-only' })),
  'policy-denied': denied('s3:GetBucketPolicy'),
};

describe('s3-bucket-default-encryption-enabled (retired S3.4, CIS-only v1.4.0 2.1.1)', () => {
  it('passes default encryption or a deny of unencrypted uploads, fails otherwise', async () => {
    const names = [...Object.keys(encryption), ...Object.keys(policies), 'nothing', 'encryption-denied'];
    const { results, source } = await run(
      {
        's3.buckets': names.map(bucket),
        's3.bucketEncryption': ([name]: unknown[]) => (name === 'encryption-denied' ? denied('s3:GetEncryptionConfiguration') : (encryption[name as string] ?? null)),
        's3.bucketPolicy': ([name]: unknown[]) => policies[name as string] ?? null,
      },
      { benchmarks: ['1.4.0'] },
    );
    expect(Object.fromEntries(results.map((r) => [r.resource.name, r.status]))).toEqual({
      'sse-s3': 'PASSED',
      'sse-kms': 'PASSED',
      'deny-not-equals': 'PASSED',
      'deny-null': 'PASSED',
      'deny-wrong-value': 'FAILED',
      'deny-one-principal': 'FAILED',
      'deny-bucket-only': 'FAILED',
      'policy-denied': 'NOT_AVAILABLE',
      nothing: 'FAILED',
      'encryption-denied': 'NOT_AVAILABLE',
    });
    // The policy is read only for buckets without default encryption.
    expect(source.reads.filter((r) => r.id === 's3.bucketPolicy').map((r) => r.args[0])).not.toContain('sse-s3');
  });

  it('never claims the retired S3.4 control, and maps only to CIS v1.4.0 2.1.1', async () => {
    const { findings } = await run(
      { 's3.buckets': [bucket('nothing')], 's3.bucketEncryption': null, 's3.bucketPolicy': null },
      { benchmarks: ['1.4.0', '5.0.0'] },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.Compliance?.SecurityControlId).toBeUndefined();
    expect(JSON.stringify(findings[0])).not.toContain('S3.4');
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/2.1.1']);
    expect(findings[0]?.Remediation?.Recommendation?.Url).toBe('https://github.com/hubcheck/hubcheck/blob/main/rules/s3/s3-bucket-default-encryption-enabled.md');
  });
});
