import { expect, it } from 'vitest';
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import rule from '../../../rules/ec2/ec2-nacl-admin-ports-restricted.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';

const ARN = (id: string) => `arn:aws:ec2:us-east-1:123456789012:network-acl/${id}`;

function acl(id: string, entries: NetworkAclEntry[], isDefault = false): NetworkAcl {
  return {
    NetworkAclId: id,
    VpcId: 'vpc-1',
    OwnerId: '123456789012',
    IsDefault: isDefault,
    // Every NACL ends with the catch-all deny entries.
    Entries: [
      ...entries,
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ],
  };
}

const entry = (rule: number, protocol: string, action: 'allow' | 'deny', source: string, from?: number, to?: number, egress = false): NetworkAclEntry => ({
  RuleNumber: rule,
  Protocol: protocol,
  RuleAction: action,
  Egress: egress,
  ...(source.includes(':') ? { Ipv6CidrBlock: source } : { CidrBlock: source }),
  ...(from !== undefined ? { PortRange: { From: from, To: to ?? from } } : {}),
});

const OPEN = 'OPEN_TO_INTERNET';
const CLOSED = 'NOT_OPEN_TO_INTERNET';

testRule(rule, {
  passed: [
    {
      name: 'a NACL that allows HTTPS and high ports only',
      fixture: { 'ec2.networkAcls': [acl('acl-https', [entry(100, '6', 'allow', '0.0.0.0/0', 443), entry(110, '6', 'allow', '0.0.0.0/0', 1024, 3388)])] },
      results: {
        resource: ARN('acl-https'),
        reasonCode: CLOSED,
        reason: 'Network ACL acl-https has no inbound allow entry from the internet to ports 22 or 3389.',
        evidence: { allowEntries: null, exposedPorts: null, checkedPorts: '22,3389' },
      },
    },
  ],
  failed: [
    {
      name: 'custom NACLs with an inbound allow from the internet covering 22 or 3389 fail, the others pass, default ones get no result',
      fixture: {
        'ec2.networkAcls': [
          acl('acl-ssh', [entry(100, '6', 'allow', '0.0.0.0/0', 22)]),
          acl('acl-wide-v6', [entry(100, '6', 'allow', '::/0', 1024, 3000), entry(110, '6', 'allow', '::/0', 3000, 4000)]),
          acl('acl-all', [entry(100, '-1', 'allow', '0.0.0.0/0')]),
          acl('acl-udp', [entry(100, '17', 'allow', '0.0.0.0/0', 3389)]),
          acl('acl-https', [entry(100, '6', 'allow', '0.0.0.0/0', 443), entry(110, '6', 'allow', '0.0.0.0/0', 1024, 3388)]),
          acl('acl-private', [entry(100, '-1', 'allow', '10.0.0.0/8'), entry(110, '6', 'allow', '2001:db8::/32', 22)]),
          acl('acl-egress', [entry(100, '-1', 'allow', '0.0.0.0/0', undefined, undefined, true)]),
          acl('acl-icmp', [entry(100, '1', 'allow', '0.0.0.0/0')]),
          acl('acl-default', [entry(100, '-1', 'allow', '0.0.0.0/0')], true),
        ],
      },
      results: [
        { resource: ARN('acl-ssh'), reasonCode: OPEN },
        {
          resource: ARN('acl-wide-v6'),
          reasonCode: OPEN,
          reason: 'Network ACL acl-wide-v6 allows inbound traffic from the internet to port 3389 (entry #110).',
          evidence: { allowEntries: '#110 allow tcp 3000-4000 from ::/0', exposedPorts: '3389' },
        },
        { resource: ARN('acl-all'), reasonCode: OPEN, evidence: { allowEntries: '#100 allow all traffic from 0.0.0.0/0', exposedPorts: '22,3389' } },
        { resource: ARN('acl-udp'), reasonCode: OPEN },
        { status: 'PASSED', resource: ARN('acl-https'), reasonCode: CLOSED },
        { status: 'PASSED', resource: ARN('acl-private'), reasonCode: CLOSED },
        { status: 'PASSED', resource: ARN('acl-egress'), reasonCode: CLOSED },
        { status: 'PASSED', resource: ARN('acl-icmp'), reasonCode: CLOSED },
      ],
      check: ({ results, findings }) => {
        expect(results.map((r) => r.resource.id), 'one result per custom NACL, in order').toEqual(
          ['acl-ssh', 'acl-wide-v6', 'acl-all', 'acl-udp', 'acl-https', 'acl-private', 'acl-egress', 'acl-icmp'].map(ARN),
        );
        expect(findings[0]?.Resources?.[0]).toMatchObject({
          Type: 'AwsEc2NetworkAcl',
          Details: { AwsEc2NetworkAcl: { IsDefault: false, NetworkAclId: 'acl-ssh', VpcId: 'vpc-1' } },
        });
        expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
      },
    },
    {
      name: 'a matching allow fails even when a lower-numbered deny would match first',
      fixture: {
        'ec2.networkAcls': [acl('acl-shadowed', [entry(90, '6', 'deny', '0.0.0.0/0', 22), entry(100, '6', 'allow', '0.0.0.0/0', 0, 65535)])],
      },
      results: { resource: ARN('acl-shadowed'), reasonCode: OPEN, evidence: { allowEntries: '#100 allow tcp 0-65535 from 0.0.0.0/0' } },
    },
  ],
  notAvailable: [
    {
      name: 'network ACLs cannot be listed',
      fixture: { 'ec2.networkAcls': denied('ec2:DescribeNetworkAcls') },
      results: {
        resource: `AWS::::Account:${TEST_ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'ec2:DescribeNetworkAcls',
        reason: 'Missing permission ec2:DescribeNetworkAcls (AccessDenied)',
      },
    },
  ],
});

const run = ruleHarness(rule);

it('gives default network ACLs no result', async () => {
  const { results } = await run({ 'ec2.networkAcls': [acl('acl-default', [entry(100, '-1', 'allow', '0.0.0.0/0')], true)] });
  expect(results).toEqual([]);
});
