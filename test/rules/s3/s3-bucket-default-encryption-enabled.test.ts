import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-default-encryption-enabled.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketPolicy } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule, type ExpectedResult } from '../../helpers/rule-tester.js';
import { BUCKET_ARN, bucket, bucketRuleCases } from './buckets.table.js';

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
  'deny-one-principal': policy(
    putDeny('deny-one-principal', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, { Principal: { AWS: 'arn:aws:iam::123456789012:root' } }),
  ),
  'deny-bucket-only': policy(putDeny('deny-bucket-only', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, { Resource: 'arn:aws:s3:::deny-bucket-only' })),
  'policy-denied': denied('s3:GetBucketPolicy'),
};
const names = [...Object.keys(encryption), ...Object.keys(policies), 'nothing', 'encryption-denied'];

const expected: Record<string, Omit<ExpectedResult, 'resource'>> = {
  'sse-s3': { status: 'PASSED', reasonCode: 'DEFAULT_ENCRYPTION_ENABLED', evidence: { defaultEncryption: 'AES256' } },
  'sse-kms': { status: 'PASSED', reasonCode: 'DEFAULT_ENCRYPTION_ENABLED', reason: 'Bucket sse-kms has default encryption (aws:kms).' },
  'deny-not-equals': { status: 'PASSED', reasonCode: 'UNENCRYPTED_UPLOADS_DENIED' },
  'deny-null': { status: 'PASSED', reasonCode: 'UNENCRYPTED_UPLOADS_DENIED' },
  'deny-wrong-value': { reasonCode: 'NO_DEFAULT_ENCRYPTION', evidence: { bucketPolicy: 'present' } },
  'deny-one-principal': { reasonCode: 'NO_DEFAULT_ENCRYPTION' },
  'deny-bucket-only': { reasonCode: 'NO_DEFAULT_ENCRYPTION' },
  'policy-denied': { status: 'NOT_AVAILABLE', reasonCode: 'ACCESS_DENIED', action: 's3:GetBucketPolicy' },
  nothing: { reasonCode: 'NO_DEFAULT_ENCRYPTION', evidence: { bucketPolicy: 'none' } },
  'encryption-denied': { status: 'NOT_AVAILABLE', reasonCode: 'ACCESS_DENIED', action: 's3:GetEncryptionConfiguration' },
};

testRule(
  rule,
  bucketRuleCases({
    read: 's3.bucketEncryption',
    passing: { 's3.bucketEncryption': encryption['sse-s3'] },
    passCode: 'DEFAULT_ENCRYPTION_ENABLED',
    extra: {
      failed: [
        {
          name: 'default encryption or a deny of unencrypted uploads passes; anything else fails',
          fixture: {
            's3.buckets': names.map((n) => bucket(n)),
            's3.bucketEncryption': ([name]: unknown[]) =>
              name === 'encryption-denied' ? denied('s3:GetEncryptionConfiguration') : (encryption[name as string] ?? null),
            's3.bucketPolicy': ([name]: unknown[]) => policies[name as string] ?? null,
          },
          options: { benchmarks: ['1.4.0'] },
          results: names.map((name) => ({ resource: BUCKET_ARN(name), ...expected[name] }) as ExpectedResult),
          // The policy is read only for buckets without default encryption.
          check: ({ source }) => expect(source.reads.filter((r) => r.id === 's3.bucketPolicy').map((r) => r.args[0])).not.toContain('sse-s3'),
        },
        {
          name: 'never claims the retired S3.4 control, and maps only to CIS v1.4.0 2.1.1',
          fixture: { 's3.buckets': [bucket('nothing')], 's3.bucketEncryption': null, 's3.bucketPolicy': null },
          options: { benchmarks: ['1.4.0', '5.0.0'] },
          results: {
            resource: BUCKET_ARN('nothing'),
            reasonCode: 'NO_DEFAULT_ENCRYPTION',
            reason: 'Bucket nothing has no default encryption and its policy does not deny unencrypted uploads.',
          },
          check: ({ findings }) => {
            expect(findings).toHaveLength(1);
            expect(findings[0]?.Compliance?.SecurityControlId).toBeUndefined();
            expect(JSON.stringify(findings[0])).not.toContain('S3.4');
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/2.1.1']);
            expect(findings[0]?.Remediation?.Recommendation?.Url).toBe(
              'https://github.com/hubcheck/hubcheck/blob/main/rules/s3/s3-bucket-default-encryption-enabled.md',
            );
          },
        },
      ],
    },
  }),
);
