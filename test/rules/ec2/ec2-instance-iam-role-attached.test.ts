import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-instance-iam-role-attached.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ARN, instance, PROFILE } from './instances.fixture.js';

const run = ruleHarness(rule);

describe('ec2-instance-iam-role-attached (CIS v5.0.0 1.17)', () => {
  it('passes instances with an instance profile and fails those without', async () => {
    const { results, findings } = await run({
      'ec2.instances': [
        instance('i-role', { IamInstanceProfile: { Arn: PROFILE, Id: 'AIPA1' } }),
        instance('i-none'),
        instance('i-stopped', { State: { Name: 'stopped', Code: 80 } }),
        instance('i-gone', { State: { Name: 'terminated', Code: 48 } }),
      ],
    });
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      [ARN('i-role'), 'PASSED'],
      [ARN('i-none'), 'FAILED'],
      [ARN('i-stopped'), 'FAILED'],
    ]);
    expect(results[0]).toMatchObject({ reason: `Instance i-role has the IAM instance profile ${PROFILE}.`, evidence: { iamInstanceProfileArn: PROFILE } });
    expect(results[1]).toMatchObject({ reasonCode: 'NO_INSTANCE_PROFILE', evidence: { iamInstanceProfileArn: null, state: 'running' } });
    expect(findings[0]?.Resources?.[0]?.Details?.AwsEc2Instance?.IamInstanceProfileArn).toBe(PROFILE);
    expect(findings[1]?.Severity?.Label).toBe('MEDIUM');
    expect(findings[1]?.Compliance?.SecurityControlId).toBeUndefined();
    expect(findings[1]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/1.17']);
  });

  it('runs where CIS calls the requirement Automated or disputed, not where it is Manual or Not Scored', () => {
    expect((['1.2.0', '1.4.0', '3.0.0', '5.0.0'] as const).filter((v) => runsFor(rule, v))).toEqual(['3.0.0', '5.0.0']);
  });

  it('gives no result in a Region without instances', async () => {
    const { results } = await run({ 'ec2.instances': [] });
    expect(results).toEqual([]);
  });

  it('is NOT_AVAILABLE when instances cannot be listed', async () => {
    const { results } = await run({ 'ec2.instances': denied('ec2:DescribeInstances') });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission ec2:DescribeInstances (AccessDenied)' })]);
  });
});
