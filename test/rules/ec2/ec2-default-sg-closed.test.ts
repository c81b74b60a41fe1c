import { describe, expect, it } from 'vitest';
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import rule from '../../../rules/ec2/ec2-default-sg-closed.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

const group = (id: string, name: string, ingress: number, egress: number): SecurityGroup => ({
  GroupId: id,
  GroupName: name,
  VpcId: `vpc-${id.slice(3)}`,
  OwnerId: '123456789012',
  IpPermissions: Array.from({ length: ingress }, () => ({ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: id }] })),
  IpPermissionsEgress: Array.from({ length: egress }, () => ({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })),
  Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'note', Value: '<img src=x onerror=alert(1)>' }],
});

describe('ec2-default-sg-closed (EC2.2)', () => {
  it('fails default groups with rules, passes closed ones, ignores other groups', async () => {
    const { results, findings } = await run({
      'ec2.securityGroups': [group('sg-aaa', 'default', 1, 1), group('sg-bbb', 'default', 0, 0), group('sg-ccc', 'web', 3, 1)],
    });
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      ['arn:aws:ec2:us-east-1:123456789012:security-group/sg-aaa', 'FAILED'],
      ['arn:aws:ec2:us-east-1:123456789012:security-group/sg-bbb', 'PASSED'],
    ]);
    expect(findings[0]?.Resources?.[0]?.Tags).toEqual({ team: 'platform' });
    expect(findings[0]?.Severity?.Label).toBe('HIGH');
  });

  it('fails a default group that only allows outbound traffic', async () => {
    const { results } = await run({ 'ec2.securityGroups': [group('sg-ddd', 'default', 0, 1)] });
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.reason).toMatch(/0 inbound and 1 outbound/);
  });

  it('is NOT_AVAILABLE when security groups cannot be listed', async () => {
    const { results } = await run({ 'ec2.securityGroups': denied('ec2:DescribeSecurityGroups') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
