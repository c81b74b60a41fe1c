import type { NetworkAclEntry } from '@aws-sdk/client-ec2';
import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { describeRange, exposedPorts, familiesOf, isOpenCidr, parseIpType, type IpFamily } from '../lib/network.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
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
  remediation: withSteps('ec2-nacl-admin-ports-restricted', securityHubRemediation(
    'EC2.21',
    'Remove or narrow the inbound allow entries that open ports 22 or 3389 to 0.0.0.0/0 or ::/0 in each listed network ACL.',
  ), {
    change: 'Delete the inbound allow entries of the network ACL (in its Region) that open port 22 or 3389 (or all traffic) to 0.0.0.0/0 or ::/0; if administration is needed, allow it from a known range with a lower rule number.',
    cli: [
      "for n in $(aws ec2 describe-network-acls --region {{region}} --network-acl-ids {{resource}} --query 'NetworkAcls[0].Entries[?!Egress && RuleAction==`\"allow\"` && (CidrBlock==`\"0.0.0.0/0\"` || Ipv6CidrBlock==`\"::/0\"`) && (Protocol==`\"-1\"` || ((Protocol==`\"6\"` || Protocol==`\"17\"`) && ((PortRange.From<=`22` && PortRange.To>=`22`) || (PortRange.From<=`3389` && PortRange.To>=`3389`))))].RuleNumber' --output text); do aws ec2 delete-network-acl-entry --region {{region}} --network-acl-id {{resource}} --ingress --rule-number $n; done",
    ],
    cloudformation: `# Declare the allowed source instead of 0.0.0.0/0, and delete the open entry from the template.
AdminFromKnownRange:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: "{{resource}}"
    RuleNumber: 90
    Protocol: 6
    RuleAction: allow
    Egress: false
    CidrBlock: "{{allowedCidr}}"
    PortRange:
      From: 22
      To: 22
`,
    terraform: `# Declare the allowed source instead of 0.0.0.0/0, and delete the open entry from the configuration.
resource "aws_network_acl_rule" "admin_from_known_range" {
  network_acl_id = "{{resource}}"
  rule_number    = 90
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "{{allowedCidr}}"
  from_port      = 22
  to_port        = 22
}
`,
    inputs: { allowedCidr: { default: '203.0.113.0/24', means: 'The address range that may still reach the port.' } },
  }),
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
