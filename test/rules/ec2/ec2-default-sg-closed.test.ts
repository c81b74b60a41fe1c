import { expect } from 'vitest';
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import rule from '../../../rules/ec2/ec2-default-sg-closed.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN } from './security-groups.fixture.js';

const group = (id: string, name: string, ingress: number, egress: number): SecurityGroup => ({
  GroupId: id,
  GroupName: name,
  VpcId: `vpc-${id.slice(3)}`,
  OwnerId: '123456789012',
  IpPermissions: Array.from({ length: ingress }, () => ({ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: id }] })),
  IpPermissionsEgress: Array.from({ length: egress }, () => ({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })),
  Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'note', Value: '<img src=x onerror=alert(1)>' }],
});

testRule(rule, {
  passed: [
    {
      name: 'a default group with no rules',
      fixture: { 'ec2.securityGroups': [group('sg-bbb', 'default', 0, 0)] },
      results: {
        resource: ARN('sg-bbb'),
        reasonCode: 'DEFAULT_SG_CLOSED',
        reason: 'The default security group of vpc-bbb has no rules.',
        evidence: { vpcId: 'vpc-bbb', inboundRules: 0, outboundRules: 0 },
      },
    },
  ],
  failed: [
    {
      name: 'default groups with rules fail, closed ones pass, other groups are ignored',
      fixture: { 'ec2.securityGroups': [group('sg-aaa', 'default', 1, 1), group('sg-bbb', 'default', 0, 0), group('sg-ccc', 'web', 3, 1)] },
      results: [
        { resource: ARN('sg-aaa'), reasonCode: 'DEFAULT_SG_HAS_RULES', reason: 'The default security group of vpc-aaa has 1 inbound and 1 outbound rules.' },
        { status: 'PASSED', resource: ARN('sg-bbb'), reasonCode: 'DEFAULT_SG_CLOSED' },
      ],
      check: ({ findings }) => {
        expect(findings[0]?.Resources?.[0]?.Tags).toEqual({ team: 'platform' });
        expect(findings[0]?.Severity?.Label).toBe('HIGH');
      },
    },
    {
      name: 'a default group that only allows outbound traffic',
      fixture: { 'ec2.securityGroups': [group('sg-ddd', 'default', 0, 1)] },
      results: { resource: ARN('sg-ddd'), reasonCode: 'DEFAULT_SG_HAS_RULES', reason: /0 inbound and 1 outbound/, evidence: { outboundRules: 1 } },
    },
  ],
  notAvailable: [
    {
      name: 'security groups cannot be listed',
      fixture: { 'ec2.securityGroups': denied('ec2:DescribeSecurityGroups') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'ec2:DescribeSecurityGroups' },
    },
  ],
});
