import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-public-access-block-enabled.js';
import type { PublicAccessBlock } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ALL_ON, BUCKET_ARN, bucket, bucketRuleCases, publicAccessBlockCases } from './buckets.table.js';

const pab = publicAccessBlockCases({
  fixture: (config) => ({ 's3.buckets': [bucket('b1')], 's3.bucketPublicAccessBlock': config }),
  resource: BUCKET_ARN('b1'),
  reasons: {
    on: 'All four Block Public Access settings are on for bucket b1.',
    none: 'Bucket b1 has no Block Public Access configuration.',
    off: (settings) => `Bucket b1 has Block Public Access ${settings} off.`,
  },
});

const answers: Record<string, PublicAccessBlock | null | ReturnType<typeof denied>> = {
  locked: ALL_ON,
  leaky: { ...ALL_ON, RestrictPublicBuckets: false, IgnorePublicAcls: false },
  bare: null,
  secret: denied('s3:GetBucketPublicAccessBlock'),
};

testRule(
  rule,
  bucketRuleCases({
    read: 's3.bucketPublicAccessBlock',
    passing: { 's3.bucketPublicAccessBlock': ALL_ON },
    passCode: 'PUBLIC_ACCESS_BLOCK_ON',
    extra: {
      passed: pab.passed,
      failed: [
        ...pab.failed,
        {
          name: 'each bucket judged on its own, an unreadable one NOT_AVAILABLE',
          fixture: {
            's3.buckets': Object.keys(answers).map((n) => bucket(n)),
            's3.bucketPublicAccessBlock': ([name]: unknown[]) => answers[name as string],
          },
          results: [
            { status: 'PASSED', resource: BUCKET_ARN('locked'), reasonCode: 'PUBLIC_ACCESS_BLOCK_ON' },
            { resource: BUCKET_ARN('leaky'), reasonCode: 'PUBLIC_ACCESS_BLOCK_OFF', reason: 'Bucket leaky has Block Public Access IgnorePublicAcls, RestrictPublicBuckets off.' },
            { resource: BUCKET_ARN('bare'), reasonCode: 'NO_PUBLIC_ACCESS_BLOCK' },
            {
              status: 'NOT_AVAILABLE',
              resource: BUCKET_ARN('secret'),
              reasonCode: 'ACCESS_DENIED',
              action: 's3:GetBucketPublicAccessBlock',
              reason: 'Missing permission s3:GetBucketPublicAccessBlock (AccessDenied)',
            },
          ],
          check: ({ findings }) => {
            const failed = findings.find((f) => f.Resources?.[0]?.Id === BUCKET_ARN('leaky'));
            expect(failed?.Severity?.Label).toBe('HIGH');
            expect(failed?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/2.1.4']);
          },
        },
      ],
      notAvailable: [
        {
          name: "a bucket's setting cannot be read",
          fixture: { 's3.buckets': [bucket('secret')], 's3.bucketPublicAccessBlock': denied('s3:GetBucketPublicAccessBlock') },
          results: { resource: BUCKET_ARN('secret'), reasonCode: 'ACCESS_DENIED', action: 's3:GetBucketPublicAccessBlock' },
        },
      ],
    },
  }),
);
