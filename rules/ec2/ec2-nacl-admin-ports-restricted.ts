import type { NetworkAclEntry } from '@aws-sdk/client-ec2';
import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { describeRange, exposedPorts, familiesOf, isOpenCidr, parseIpType, type IpFamily } from '../lib/network.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { networkAclResource } from '../lib/resources.js';

type Params = { ipType: string; ports: readonly number[]; protocols: readonly string[] };

/** The open source of an entry (`0.0.0.0/0` or `::/0`) when it is one of the families checked. */
function openSource(entry: NetworkAclEntry, families: IpFamily[]): string | undefined {
  if (families.includes('IPv4') && isOpenCidr(entry.CidrBlock, 'IPv4')) return entry.CidrBlock;
  if (families.includes('IPv6') && isOpenCidr(entry.Ipv6CidrBlock, 'IPv6')) return entry.Ipv6CidrBlock;
  return undefined;
}

export default defineRule<Params>({
  id: 'ec2-nacl-admin-ports-restricted',
  title: 'Network ACLs should not allow ingress from 0.0.0.0/0 or ::/0 to port 22 or port 3389',
  securityHubControlId: 'EC2.21',
  severity: 'MEDIUM',
  cis: { '1.4.0': '5.1', '3.0.0': '5.1', '5.0.0': '5.2', '6.0.0': '6.2', '7.0.0': '6.2' },
  scope: 'region',
  resourceType: 'AwsEc2NetworkAcl',
  requiredActions: ['ec2:DescribeNetworkAcls'],
  reasonCodes: {
    NOT_OPEN_TO_INTERNET: 'No inbound allow entry of the network ACL opens port 22 or 3389 to 0.0.0.0/0 or ::/0.',
    OPEN_TO_INTERNET: 'An inbound allow entry opens port 22 or 3389 to 0.0.0.0/0 or ::/0 (the evidence lists the entries).',
  },
  // The AWS Config rule nacl-no-unrestricted-ssh-rdp: TCP, UDP or all protocols, either open range.
  params: { ipType: 'any', ports: [22, 3389], protocols: ['6', '17', '-1'] },
  remediation: securityHubRemediation(
    'EC2.21',
    'Remove or narrow the inbound allow entries that open ports 22 or 3389 to 0.0.0.0/0 or ::/0 in each listed network ACL.',
  ),
  async evaluate({ data, account, region, partition, params }) {
    const families = familiesOf(parseIpType(params.ipType));
    const acls = await data.ec2.networkAcls();
    // Security Hub gives default network ACLs no finding (AWS Config does not evaluate them).
    return acls
      .filter((acl) => acl.IsDefault !== true)
      .map((acl) => {
        const resource = networkAclResource(acl, partition, region, account);
        const offending = (acl.Entries ?? [])
          .filter((entry) => entry.Egress !== true && entry.RuleAction === 'allow')
          .flatMap((entry) => {
            const source = openSource(entry, families);
            if (!source) return [];
            const ports = exposedPorts(entry.Protocol, entry.PortRange?.From, entry.PortRange?.To, params);
            if (ports.length === 0) return [];
            return [{ entry, source, ports }];
          })
          .sort((a, b) => (a.entry.RuleNumber ?? 0) - (b.entry.RuleNumber ?? 0));
        const exposed = [...new Set(offending.flatMap((o) => o.ports))].sort((a, b) => a - b);
        const evidence = {
          vpcId: acl.VpcId ?? null,
          checkedPorts: params.ports.join(','),
          allowEntries: offending
            .map((o) => `#${o.entry.RuleNumber} allow ${describeRange(o.entry.Protocol, o.entry.PortRange?.From, o.entry.PortRange?.To)} from ${o.source}`)
            .join('; ') || null,
          exposedPorts: exposed.join(',') || null,
        };
        const name = resource.name ?? acl.NetworkAclId ?? 'the network ACL';
        if (offending.length === 0) {
          return pass(resource, `Network ACL ${name} has no inbound allow entry from the internet to ports ${params.ports.join(' or ')}.`, {
            reasonCode: 'NOT_OPEN_TO_INTERNET',
            evidence,
          });
        }
        return fail(
          resource,
          `Network ACL ${name} allows inbound traffic from the internet to ${exposed.length === 1 ? 'port' : 'ports'} ${exposed.join(', ')} (entry ${offending.map((o) => `#${o.entry.RuleNumber}`).join(', ')}).`,
          { reasonCode: 'OPEN_TO_INTERNET', evidence },
        );
      });
  },
});
