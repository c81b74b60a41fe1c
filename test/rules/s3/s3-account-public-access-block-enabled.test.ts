import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-account-public-access-block-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

describe('s3-account-public-access-block-enabled (S3.1)', () => {
  it('passes when all four account settings are on, once per account in the home Region', async () => {
    const { results, findings } = await run({ 's3.accountPublicAccessBlock': ALL_ON }, { regions: ['us-east-1', 'eu-west-1'] });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'PASSED', resource: { type: 'AwsAccount', id: 'AWS::::Account:123456789012' } });
    expect(findings[0]?.Resources?.[0]?.Region).toBe('us-east-1');
    expect(findings[0]?.Compliance?.SecurityControlId).toBe('S3.1');
  });

  it('fails when a setting is off, naming it', async () => {
    const { results } = await run({ 's3.accountPublicAccessBlock': { ...ALL_ON, BlockPublicPolicy: false } });
    expect(results[0]).toMatchObject({ status: 'FAILED', reason: 'Account-level S3 Block Public Access has BlockPublicPolicy off.' });
  });

  it('fails when the account has no configuration at all', async () => {
    const { results } = await run({ 's3.accountPublicAccessBlock': null });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'NO_PUBLIC_ACCESS_BLOCK' });
    expect(results[0]?.evidence).toEqual({ BlockPublicAcls: null, IgnorePublicAcls: null, BlockPublicPolicy: null, RestrictPublicBuckets: null });
  });

  it('is NOT_AVAILABLE when the setting cannot be read', async () => {
    const { results } = await run({ 's3.accountPublicAccessBlock': denied('s3:GetAccountPublicAccessBlock') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:GetAccountPublicAccessBlock (AccessDenied)' });
  });

  it('maps to CIS v1.4.0 2.1.5 (not 2.1.5.1)', async () => {
    const { findings } = await run({ 's3.accountPublicAccessBlock': ALL_ON }, { benchmarks: ['1.4.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.4.0/2.1.5',
      'CIS AWS Foundations Benchmark v5.0.0/2.1.4',
    ]);
  });
});
