import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-bucket-access-logging-enabled.js';
import type { BucketInfo } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
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

describe('cloudtrail-bucket-access-logging-enabled (CloudTrail.7)', () => {
  it('judges each trail bucket once, in its own Region, and warns about buckets of other accounts', async () => {
    const { results, source, findings } = await run(
      {
        ...cloudtrailFixture(TRAILS),
        's3.buckets': BUCKETS,
        's3.bucketLogging': ([name]: unknown[]) => (name === 'shared-trail-logs' ? { TargetBucket: 'access-logs', TargetPrefix: 'trail/' } : null),
      },
      REGIONS,
    );
    expect(results.map((r) => [r.resource.name, r.resource.region, r.status])).toEqual([
      ['shared-trail-logs', 'eu-west-1', 'PASSED'],
      ['audit-logs', 'us-east-1', 'FAILED'],
      ['org-central-logs', 'us-east-1', 'WARNING'],
    ]);
    expect(results[0]?.evidence).toEqual({ trails: 'eu, main', targetBucket: 'access-logs', targetPrefix: 'trail/' });
    expect(results[1]?.reason).toBe('Trail bucket audit-logs (trail audit) has server access logging off.');
    expect(results[2]).toMatchObject({ reasonCode: 'TRAIL_BUCKET_NOT_IN_ACCOUNT', evidence: { trails: 'central' } });
    expect(results[2]?.reason).toContain('belongs to another account (central logging) or no longer exists');
    expect(source.reads.filter((r) => r.id === 's3.bucketLogging').map((r) => `${r.args[0] as string}@${r.region}`).sort()).toEqual([
      'audit-logs@us-east-1',
      'shared-trail-logs@eu-west-1',
    ]);
    expect(findings.map((f) => f.Resources?.[0]?.Id)).toContain('arn:aws:s3:::shared-trail-logs');
    expect(findings.every((f) => f.Resources?.[0]?.Type === 'AwsS3Bucket')).toBe(true);
  });

  it('reads no bucket when the account has no trail', async () => {
    const { results, source } = await run({ ...cloudtrailFixture([trail('org', { account: '999988887777' })]) });
    expect(results).toEqual([]);
    expect(source.reads.map((r) => r.id)).toEqual(['cloudtrail.trails']);
  });

  it('is NOT_AVAILABLE for a bucket whose logging cannot be read, and for the rule when buckets cannot be listed', async () => {
    let { results } = await run({
      ...cloudtrailFixture([trail('main', { bucket: 'audit-logs' })]),
      's3.buckets': BUCKETS,
      's3.bucketLogging': denied('s3:GetBucketLogging'),
    });
    expect(results).toEqual([
      expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:GetBucketLogging (AccessDenied)', resource: expect.objectContaining({ name: 'audit-logs' }) }),
    ]);
    ({ results } = await run({ ...cloudtrailFixture([trail('main')]), 's3.buckets': denied('s3:ListAllMyBuckets') }));
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:ListAllMyBuckets (AccessDenied)' });
  });
});
