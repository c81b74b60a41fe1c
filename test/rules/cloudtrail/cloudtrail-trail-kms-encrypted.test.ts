import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-trail-kms-encrypted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { OTHER_ACCOUNT, cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('cloudtrail-trail-kms-encrypted (CloudTrail.2)', () => {
  it('reports each own trail once, in its home Region', async () => {
    const trails = [
      trail('encrypted', { kms: KEY }),
      trail('plain', { home: 'eu-west-1' }),
      trail('regional', { multiRegion: false, home: 'eu-west-1', kms: KEY }),
      trail('org', { account: OTHER_ACCOUNT }),
      trail('elsewhere', { home: 'ap-south-1' }),
    ];
    const { results, findings } = await run(cloudtrailFixture(trails), { regions: ['us-east-1', 'eu-west-1'] });
    expect(results.map((r) => [r.resource.name, r.resource.region, r.status])).toEqual([
      ['plain', 'eu-west-1', 'FAILED'],
      ['regional', 'eu-west-1', 'PASSED'],
      ['encrypted', 'us-east-1', 'PASSED'],
    ]);
    expect(results[0]?.reason).toBe('Trail plain does not encrypt its log files with SSE-KMS.');
    expect(results[2]?.evidence).toEqual({ KmsKeyId: KEY });
    const encrypted = findings.find((f) => f.Resources?.[0]?.Id === 'arn:aws:cloudtrail:us-east-1:123456789012:trail/encrypted');
    expect(encrypted?.Resources?.[0]).toMatchObject({ Type: 'AwsCloudTrailTrail', Region: 'us-east-1' });
    expect(encrypted?.Resources?.[0]?.Details?.AwsCloudTrailTrail).toMatchObject({ KmsKeyId: KEY, HomeRegion: 'us-east-1' });
  });

  it('is NOT_AVAILABLE when the trails cannot be listed', async () => {
    const { results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:DescribeTrails (AccessDenied)' })]);
  });
});
