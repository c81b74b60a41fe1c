/**
 * One implementation for every "no security group allows ingress from the
 * internet to port X" rule: EC2.13 (22), EC2.14 (3389), EC2.53 (IPv4, 22 and
 * 3389), EC2.54 (IPv6, 22 and 3389) and CIS v5.0.0 5.1.2 (445). The rules
 * differ only in their parameters.
 *
 * Every security group of the Region gets one result: FAILED with the
 * offending permissions in the evidence, or PASSED. The groups come from the
 * one shared `ec2.securityGroups()` list (one DescribeSecurityGroups per Region
 * for all these rules).
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { fail, pass, type ReasonCodes, type RemediationSteps, type RuleContext, type RuleResult } from '../../src/engine/rule.js';
import { describeRange, exposedPorts, familiesOf, isOpenCidr, OPEN_CIDR, parseIpType, type IpFamily } from './network.js';
import { securityGroupResource } from './resources.js';

/** The reason codes every open-port rule declares. */
export const OPEN_PORT_REASON_CODES = {
  NOT_OPEN_TO_INTERNET: 'No inbound rule of the group opens a checked port to the checked open sources.',
  OPEN_TO_INTERNET: 'An inbound rule of the group opens a checked port to 0.0.0.0/0 or ::/0.',
} as const satisfies ReasonCodes;

/** The parameters of an open-port rule. */
export type OpenPortParams = {
  /** `IPv4` (0.0.0.0/0), `IPv6` (::/0) or `any` (either). */
  ipType: string;
  /** Ports that must not be open to the internet. */
  ports: readonly number[];
  /** Protocols that count, by IANA number or name; `-1` is every protocol. */
  protocols: readonly string[];
};

/** One ingress permission that opens a checked port to the whole internet. */
export interface OpenPermission {
  /** `0.0.0.0/0` or `::/0` as the group states it. */
  source: string;
  family: IpFamily;
  range: string;
  ports: number[];
}

/** The ingress permissions of `group` that expose a checked port to an open source. */
export function openPermissions(group: SecurityGroup, params: OpenPortParams): OpenPermission[] {
  const families = familiesOf(parseIpType(params.ipType));
  const found: OpenPermission[] = [];
  for (const permission of group.IpPermissions ?? []) {
    const ports = exposedPorts(permission.IpProtocol, permission.FromPort, permission.ToPort, params);
    if (ports.length === 0) continue;
    for (const { family, cidr } of sources(permission)) {
      if (!families.includes(family) || !isOpenCidr(cidr, family)) continue;
      found.push({ source: cidr, family, range: describeRange(permission.IpProtocol, permission.FromPort, permission.ToPort), ports });
    }
  }
  return found;
}

function sources(permission: IpPermission): { family: IpFamily; cidr: string }[] {
  return [
    ...(permission.IpRanges ?? []).map((r) => ({ family: 'IPv4' as const, cidr: r.CidrIp ?? '' })),
    ...(permission.Ipv6Ranges ?? []).map((r) => ({ family: 'IPv6' as const, cidr: r.CidrIpv6 ?? '' })),
  ];
}

function list(ports: readonly number[]): string {
  return ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(', ')}`;
}

function sourcesText(params: OpenPortParams): string {
  return familiesOf(parseIpType(params.ipType))
    .map((f) => OPEN_CIDR[f])
    .join(' or ');
}

/** The results of an open-port rule for every security group of the Region. */
export async function evaluateOpenPorts({
  data,
  account,
  region,
  partition,
  params,
}: Pick<RuleContext<OpenPortParams>, 'data' | 'account' | 'region' | 'partition' | 'params'>): Promise<RuleResult[]> {
  const groups = await data.ec2.securityGroups();
  return groups.map((group) => {
    const resource = securityGroupResource(group, partition, region, account);
    const open = openPermissions(group, params);
    const exposed = [...new Set(open.flatMap((o) => o.ports))].sort((a, b) => a - b);
    const evidence = {
      vpcId: group.VpcId ?? null,
      checkedPorts: params.ports.join(','),
      checkedSources: sourcesText(params),
      openPermissions: open.length > 0 ? open.map((o) => `${o.range} from ${o.source}`).join('; ') : null,
      exposedPorts: exposed.length > 0 ? exposed.join(',') : null,
    };
    const name = resource.name ?? group.GroupId ?? 'the security group';
    if (open.length === 0) {
      return pass(resource, `Security group ${name} allows no inbound traffic from ${sourcesText(params)} to ${list(params.ports)}.`, {
        reasonCode: 'NOT_OPEN_TO_INTERNET',
        evidence,
      });
    }
    return fail(
      resource,
      `Security group ${name} allows inbound traffic to ${list(exposed)} from ${[...new Set(open.map((o) => o.source))].join(' and ')} (${[...new Set(open.map((o) => o.range))].join(', ')}).`,
      { reasonCode: 'OPEN_TO_INTERNET', evidence },
    );
  });
}

/**
 * The fix of an open-port rule: revoke the group's inbound rules that open one of
 * `ports` (or every port) to the world in the families the rule judges, and, if
 * access is needed, allow it from a known range instead.
 */
export function openPortSteps(ports: readonly number[], families: readonly IpFamily[]): RemediationSteps {
  // JMESPath literals: strings as JSON strings (`"tcp"`), ports as numbers.
  const world = families.map((f) => (f === 'IPv4' ? 'CidrIpv4==`"0.0.0.0/0"`' : 'CidrIpv6==`"::/0"`')).join(' || ');
  const portTest = ports.map((p) => `(FromPort<=\`${p}\` && ToPort>=\`${p}\`)`).join(' || ');
  const query = `SecurityGroupRules[?!IsEgress && (${world}) && (IpProtocol==\`"-1"\` || ((IpProtocol==\`"tcp"\` || IpProtocol==\`"udp"\`) && (${portTest})))].SecurityGroupRuleId`;
  const first = ports[0] ?? 22;
  const openTo = families.map((f) => OPEN_CIDR[f]).join(' or ');
  return {
    change: `In the security group's Region, revoke every inbound rule that opens port ${ports.join(' or ')} (or all traffic) to ${openTo}; if the port must stay reachable, allow it from a known address range only (the CloudFormation and Terraform snippets declare that rule).`,
    cli: [
      `aws ec2 revoke-security-group-ingress --region {{region}} --group-id {{resource}} --security-group-rule-ids $(aws ec2 describe-security-group-rules --region {{region}} --filters Name=group-id,Values={{resource}} --query '${query}' --output text)`,
    ],
    cloudformation: `# Declare the allowed source instead of ${openTo}, and delete the open rule from the template.
AllowFromKnownRange:
  Type: AWS::EC2::SecurityGroupIngress
  Properties:
    GroupId: "{{resource}}"
    IpProtocol: tcp
    FromPort: ${first}
    ToPort: ${first}
    CidrIp: "{{allowedCidr}}"
`,
    terraform: `# Declare the allowed source instead of ${openTo}, and delete the open rule from the configuration.
resource "aws_vpc_security_group_ingress_rule" "allow_from_known_range" {
  security_group_id = "{{resource}}"
  ip_protocol       = "tcp"
  from_port         = ${first}
  to_port           = ${first}
  cidr_ipv4         = "{{allowedCidr}}"
}
`,
    inputs: { allowedCidr: { default: '203.0.113.0/24', means: 'The address range that may still reach the port (an office or VPN range).' } },
  };
}
