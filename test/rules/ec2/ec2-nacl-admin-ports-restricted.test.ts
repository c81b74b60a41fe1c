import { describe, expect, it } from 'vitest';
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import rule from '../../../rules/ec2/ec2-nacl-admin-ports-restricted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

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

describe('ec2-nacl-admin-ports-restricted (EC2.21)', () => {
  it('fails custom NACLs with an inbound allow from the internet covering 22 or 3389, passes the others', async () => {
    const { results, findings } = await run({
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
    });
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      [ARN('acl-ssh'), 'FAILED'],
      [ARN('acl-wide-v6'), 'FAILED'],
      [ARN('acl-all'), 'FAILED'],
      [ARN('acl-udp'), 'FAILED'],
      [ARN('acl-https'), 'PASSED'],
      [ARN('acl-private'), 'PASSED'],
      [ARN('acl-egress'), 'PASSED'],
      [ARN('acl-icmp'), 'PASSED'],
    ]);
    expect(results[1]).toMatchObject({
      reason: 'Network ACL acl-wide-v6 allows inbound traffic from the internet to port 3389 (entry #110).',
      evidence: { allowEntries: '#110 allow tcp 3000-4000 from ::/0', exposedPorts: '3389' },
    });
    expect(results[2]?.evidence).toMatchObject({ allowEntries: '#100 allow all traffic from 0.0.0.0/0', exposedPorts: '22,3389' });
    expect(findings[0]?.Resources?.[0]).toMatchObject({
      Type: 'AwsEc2NetworkAcl',
      Details: { AwsEc2NetworkAcl: { IsDefault: false, NetworkAclId: 'acl-ssh', VpcId: 'vpc-1' } },
    });
    expect(findings[0]?.Severity?.Label).toBe('MEDIUM');
  });

  it('fails on a matching allow even when a lower-numbered deny would match first', async () => {
    const { results } = await run({
      'ec2.networkAcls': [acl('acl-shadowed', [entry(90, '6', 'deny', '0.0.0.0/0', 22), entry(100, '6', 'allow', '0.0.0.0/0', 0, 65535)])],
    });
    expect(results[0]).toMatchObject({ status: 'FAILED', evidence: { allowEntries: '#100 allow tcp 0-65535 from 0.0.0.0/0' } });
  });

  it('gives default network ACLs no result', async () => {
    const { results } = await run({ 'ec2.networkAcls': [acl('acl-default', [entry(100, '-1', 'allow', '0.0.0.0/0')], true)] });
    expect(results).toEqual([]);
  });

  it('is NOT_AVAILABLE when network ACLs cannot be listed', async () => {
    const { results } = await run({ 'ec2.networkAcls': denied('ec2:DescribeNetworkAcls') });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission ec2:DescribeNetworkAcls (AccessDenied)' })]);
  });
});
