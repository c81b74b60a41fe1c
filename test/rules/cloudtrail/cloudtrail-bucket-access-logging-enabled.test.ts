import { expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-bucket-access-logging-enabled.js';
import type { BucketInfo } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';
import { trail, trailListFixture } from '../trail-fixtures.js';

const REGIONS = { regions: ['us-east-1', 'eu-west-1'] };
const bucket = (name: string, region: string): BucketInfo => ({ name, region, creationDate: '2025-01-01T00:00:00.000Z' });

const TRAILS = [
  trail('main', { bucket: 'shared-trail-logs' }),
  trail('eu', { home: 'eu-west-1', multiRegion: false, bucket: 'shared-trail-logs' }),
  trail('audit', { home: 'eu-west-1', multiRegion: false, bucket: 'audit-logs' }),
  trail('central', { bucket: 'org-central-logs' }),
  trail('far', { home: 'eu-west-1', multiRegion: false, bucket: 'far-logs' }),
];
const BUCKETS = [bucket('audit-logs', 'us-east-1'), bucket('shared-trail-logs', 'eu-west-1'), bucket('far-logs', 'ap-south-1'), bucket('unrelated', 'us-east-1')];

const arn = (name: string) => `arn:aws:s3:::${name}`;

testRule(rule, {
  passed: [
    {
      name: 'each trail bucket judged once, in its own Region; a bucket of another account warned about',
      fixture: {
        ...trailListFixture(TRAILS),
        's3.buckets': BUCKETS,
        's3.bucketLogging': ([name]: unknown[]) => (name === 'shared-trail-logs' ? { TargetBucket: 'access-logs', TargetPrefix: 'trail/' } : null),
      },
      options: REGIONS,
      results: [
        { resource: arn('shared-trail-logs'), region: 'eu-west-1', reasonCode: 'TRAIL_BUCKET_LOGGING_ENABLED', evidence: { trails: 'eu, main', targetBucket: 'access-logs', targetPrefix: 'trail/' } },
        { resource: arn('audit-logs'), region: 'us-east-1', status: 'FAILED', reasonCode: 'TRAIL_BUCKET_LOGGING_DISABLED', reason: 'Trail bucket audit-logs (trail audit) has server access logging off.' },
        {
          resource: arn('org-central-logs'),
          region: 'us-east-1',
          status: 'WARNING',
          reasonCode: 'TRAIL_BUCKET_NOT_IN_ACCOUNT',
          evidence: { trails: 'central' },
          reason: 'belongs to another account (central logging) or no longer exists',
        },
      ],
      check: ({ source, findings }) => {
        expect(source.reads.filter((r) => r.id === 's3.bucketLogging').map((r) => `${JSON.stringify(r.args[0]).replace(/"/g, '')}@${r.region}`).sort()).toEqual([
          'audit-logs@us-east-1',
          'shared-trail-logs@eu-west-1',
        ]);
        expect(findings.every((f) => f.Resources?.[0]?.Type === 'AwsS3Bucket')).toBe(true);
      },
    },
  ],
  failed: [
    {
      name: 'a trail bucket with server access logging off',
      fixture: { ...trailListFixture([trail('main', { bucket: 'audit-logs' })]), 's3.buckets': BUCKETS, 's3.bucketLogging': null },
      results: { resource: arn('audit-logs'), reasonCode: 'TRAIL_BUCKET_LOGGING_DISABLED', evidence: { trails: 'main', targetBucket: null } },
    },
  ],
  warning: [
    {
      name: "the only trail bucket is not one of the account's buckets",
      fixture: { ...trailListFixture([trail('central', { bucket: 'org-central-logs' })]), 's3.buckets': BUCKETS },
      results: { resource: arn('org-central-logs'), reasonCode: 'TRAIL_BUCKET_NOT_IN_ACCOUNT' },
    },
  ],
  notAvailable: [
    {
      name: "a bucket's logging cannot be read",
      fixture: { ...trailListFixture([trail('main', { bucket: 'audit-logs' })]), 's3.buckets': BUCKETS, 's3.bucketLogging': denied('s3:GetBucketLogging') },
      results: { resource: arn('audit-logs'), reasonCode: 'ACCESS_DENIED', action: 's3:GetBucketLogging', reason: 'Missing permission s3:GetBucketLogging (AccessDenied)' },
      check: ({ results }) => expect(results[0]?.resource.name).toBe('audit-logs'),
    },
    {
      name: 'the buckets cannot be listed',
      fixture: { ...trailListFixture([trail('main')]), 's3.buckets': denied('s3:ListAllMyBuckets') },
      results: { reasonCode: 'ACCESS_DENIED', action: 's3:ListAllMyBuckets', reason: 'Missing permission s3:ListAllMyBuckets (AccessDenied)' },
    },
  ],
});

const run = ruleHarness(rule);
it('reads no bucket when the account has no trail of its own', async () => {
  const { results, source } = await run(trailListFixture([trail('org', { account: '999988887777' })]));
  expect(results).toEqual([]);
  expect(source.reads.map((r) => r.id)).toEqual(['cloudtrail.trails']);
  // With a trail of its own, it reads the bucket list and the bucket's logging (this harness checks requiredActions).
  const own = await run({ ...trailListFixture([trail('main', { bucket: 'audit-logs' })]), 's3.buckets': BUCKETS, 's3.bucketLogging': null });
  expect(own.source.reads.map((r) => r.id)).toEqual(['cloudtrail.trails', 's3.buckets', 's3.bucketLogging']);
});
