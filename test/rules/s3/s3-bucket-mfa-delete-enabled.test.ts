import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-mfa-delete-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { BUCKET_ARN, bucket, bucketRuleCases } from './buckets.table.js';

const versioning: Record<string, unknown> = {
  guarded: { status: 'Enabled', mfaDelete: 'Enabled' },
  versioned: { status: 'Enabled', mfaDelete: 'Disabled' },
  plain: { status: null, mfaDelete: null },
  'with-lifecycle': { status: 'Enabled', mfaDelete: null },
  'versioning-denied': denied('s3:GetBucketVersioning'),
  'lifecycle-denied': { status: 'Enabled', mfaDelete: 'Enabled' },
};
const lifecycle: Record<string, unknown> = {
  'with-lifecycle': [{ ID: 'expire', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 30 } }],
  'lifecycle-denied': denied('s3:GetLifecycleConfiguration'),
};

testRule(
  rule,
  bucketRuleCases({
    read: 's3.bucketVersioning',
    passing: { 's3.bucketLifecycle': null, 's3.bucketVersioning': { status: 'Enabled', mfaDelete: 'Enabled' } },
    passCode: 'MFA_DELETE_ENABLED',
    extra: {
      failed: [
        {
          name: 'MFA Delete passes, its absence fails, buckets with a lifecycle configuration get no finding',
          fixture: {
            's3.buckets': Object.keys(versioning).map((n) => bucket(n)),
            's3.bucketLifecycle': ([name]: unknown[]) => lifecycle[name as string] ?? null,
            's3.bucketVersioning': ([name]: unknown[]) => versioning[name as string],
          },
          results: [
            { status: 'PASSED', resource: BUCKET_ARN('guarded'), reasonCode: 'MFA_DELETE_ENABLED', reason: 'Bucket guarded has MFA Delete enabled.' },
            {
              resource: BUCKET_ARN('versioned'),
              reasonCode: 'MFA_DELETE_DISABLED',
              reason: 'Bucket versioned does not have MFA Delete enabled: versioning is on but MFA Delete is not.',
            },
            {
              resource: BUCKET_ARN('plain'),
              reasonCode: 'VERSIONING_DISABLED',
              reason: 'Bucket plain does not have MFA Delete enabled: versioning, and with it MFA Delete, is off.',
              evidence: { versioningStatus: null, mfaDelete: null },
            },
            {
              status: 'NOT_AVAILABLE',
              resource: BUCKET_ARN('versioning-denied'),
              reasonCode: 'ACCESS_DENIED',
              action: 's3:GetBucketVersioning',
              reason: 'Missing permission s3:GetBucketVersioning (AccessDenied)',
            },
            {
              status: 'NOT_AVAILABLE',
              resource: BUCKET_ARN('lifecycle-denied'),
              reasonCode: 'ACCESS_DENIED',
              action: 's3:GetLifecycleConfiguration',
              reason: 'Missing permission s3:GetLifecycleConfiguration (AccessDenied)',
            },
          ],
          // A bucket with a lifecycle configuration is not read further.
          check: ({ source }) => expect(source.reads.filter((r) => r.id === 's3.bucketVersioning').map((r) => r.args[0])).not.toContain('with-lifecycle'),
        },
        {
          name: 'a bucket is reported in its own Region, with LOW severity',
          fixture: { 's3.buckets': [bucket('eu', 'eu-west-1')], 's3.bucketLifecycle': null, 's3.bucketVersioning': { status: null, mfaDelete: null } },
          options: { regions: ['us-east-1', 'eu-west-1'] },
          results: { resource: BUCKET_ARN('eu'), region: 'eu-west-1', reasonCode: 'VERSIONING_DISABLED' },
          check: ({ findings }) => {
            expect(findings).toHaveLength(1);
            expect(findings[0]?.Resources?.[0]).toMatchObject({ Region: 'eu-west-1', Id: BUCKET_ARN('eu') });
            expect(findings[0]?.Severity?.Label).toBe('LOW');
          },
        },
      ],
    },
  }),
);
