import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-ebs-default-encryption-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

describe('ec2-ebs-default-encryption-enabled (EC2.7)', () => {
  it('judges each Region on its own setting', async () => {
    const { results, findings } = await run(
      { 'ec2.ebsEncryptionByDefault': (_args: unknown, region: string) => region === 'eu-west-1' },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(results.map((r) => [r.resource.region, r.status]).sort()).toEqual([
      ['eu-west-1', 'PASSED'],
      ['us-east-1', 'FAILED'],
    ]);
    expect(findings.map((f) => f.ProductArn).sort()).toEqual([
      'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
      'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
    ]);
    expect(new Set(findings.map((f) => f.Id)).size).toBe(2);
  });

  it('is NOT_AVAILABLE in a Region where the setting cannot be read, and still judges the others', async () => {
    const { results } = await run(
      {
        'ec2.ebsEncryptionByDefault': (_args: unknown, region: string) =>
          region === 'ap-south-1' ? denied('ec2:GetEbsEncryptionByDefault', region) : true,
      },
      { regions: ['us-east-1', 'ap-south-1'] },
    );
    expect(results.map((r) => [r.resource.region, r.status]).sort()).toEqual([
      ['ap-south-1', 'NOT_AVAILABLE'],
      ['us-east-1', 'PASSED'],
    ]);
  });
});
