import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-public-access-block-enabled.js';
import type { BucketInfo, PublicAccessBlock } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

const bucket = (name: string, region = 'us-east-1'): BucketInfo => ({ name, region, creationDate: null });
const ALL_ON: PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

describe('s3-bucket-public-access-block-enabled (S3.8)', () => {
  it('passes all four settings on, fails any off or no configuration, NOT_AVAILABLE where unreadable', async () => {
    const answers: Record<string, PublicAccessBlock | null | ReturnType<typeof denied>> = {
      locked: ALL_ON,
      leaky: { ...ALL_ON, RestrictPublicBuckets: false, IgnorePublicAcls: false },
      bare: null,
      secret: denied('s3:GetBucketPublicAccessBlock'),
    };
    const { results, findings } = await run({
      's3.buckets': Object.keys(answers).map((n) => bucket(n)),
      's3.bucketPublicAccessBlock': ([name]: unknown[]) => answers[name as string],
    });
    const byName = Object.fromEntries(results.map((r) => [r.resource.name, r]));
    expect(byName.locked?.status).toBe('PASSED');
    expect(byName.leaky).toMatchObject({ status: 'FAILED', reason: 'Bucket leaky has Block Public Access IgnorePublicAcls, RestrictPublicBuckets off.' });
    expect(byName.leaky?.evidence).toMatchObject({ BlockPublicAcls: true, IgnorePublicAcls: false });
    expect(byName.bare).toMatchObject({ status: 'FAILED', reasonCode: 'NO_PUBLIC_ACCESS_BLOCK' });
    expect(byName.secret).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:GetBucketPublicAccessBlock (AccessDenied)' });
    const failed = findings.find((f) => f.Resources?.[0]?.Id === 'arn:aws:s3:::leaky');
    expect(failed?.Severity?.Label).toBe('HIGH');
    expect(failed?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/2.1.4']);
  });

  it('judges only the buckets of the evaluated Regions, each in its own', async () => {
    const { results, source } = await run(
      { 's3.buckets': [bucket('a'), bucket('b', 'eu-west-1'), bucket('c', 'sa-east-1')], 's3.bucketPublicAccessBlock': ALL_ON },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(results.map((r) => [r.resource.name, r.resource.region])).toEqual(expect.arrayContaining([['a', 'us-east-1'], ['b', 'eu-west-1']]));
    expect(results).toHaveLength(2);
    expect(source.reads.filter((r) => r.id === 's3.bucketPublicAccessBlock').map((r) => `${r.args[0] as string}@${r.region}`).sort()).toEqual(['a@us-east-1', 'b@eu-west-1']);
  });

  it('is NOT_AVAILABLE when the buckets cannot be listed', async () => {
    const { results } = await run({ 's3.buckets': denied('s3:ListAllMyBuckets') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE' }]);
  });
});
