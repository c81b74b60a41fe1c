import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-mfa-delete-enabled.js';
import type { BucketInfo } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const bucket = (name: string, region = 'us-east-1'): BucketInfo => ({ name, region, creationDate: null });

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

describe('s3-bucket-mfa-delete-enabled (S3.20)', () => {
  it('passes MFA Delete, fails without it, skips buckets with a lifecycle configuration', async () => {
    const { results, source } = await run({
      's3.buckets': Object.keys(versioning).map((n) => bucket(n)),
      's3.bucketLifecycle': ([name]: unknown[]) => lifecycle[name as string] ?? null,
      's3.bucketVersioning': ([name]: unknown[]) => versioning[name as string],
    });
    const byName = Object.fromEntries(results.map((r) => [r.resource.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['guarded', 'lifecycle-denied', 'plain', 'versioned', 'versioning-denied']);
    expect(byName.guarded?.status).toBe('PASSED');
    expect(byName.versioned).toMatchObject({ status: 'FAILED', reason: 'Bucket versioned does not have MFA Delete enabled: versioning is on but MFA Delete is not.' });
    expect(byName.plain).toMatchObject({ status: 'FAILED', evidence: { versioningStatus: null, mfaDelete: null } });
    expect(byName['versioning-denied']).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:GetBucketVersioning (AccessDenied)' });
    expect(byName['lifecycle-denied']).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:GetLifecycleConfiguration (AccessDenied)' });
    // A bucket with a lifecycle configuration is not read further.
    expect(source.reads.filter((r) => r.id === 's3.bucketVersioning').map((r) => r.args[0])).not.toContain('with-lifecycle');
  });

  it('reports buckets in their own Region', async () => {
    const { findings } = await run(
      { 's3.buckets': [bucket('eu', 'eu-west-1')], 's3.bucketLifecycle': null, 's3.bucketVersioning': { status: null, mfaDelete: null } },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Region: 'eu-west-1', Id: 'arn:aws:s3:::eu' });
    expect(findings[0]?.Severity?.Label).toBe('LOW');
  });
});
