/** Security groups shared by the open-port rule tests (EC2.13, EC2.14, EC2.53, EC2.54, CIS 5.1.2). */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';

export const ARN = (id: string) => `arn:aws:ec2:us-east-1:123456789012:security-group/${id}`;

export function sg(id: string, ingress: IpPermission[], egress: IpPermission[] = []): SecurityGroup {
  return {
    GroupId: id,
    GroupName: id.replace(/^sg-/, ''),
    VpcId: 'vpc-1',
    OwnerId: '123456789012',
    IpPermissions: ingress,
    IpPermissionsEgress: egress,
  };
}

export const v4 = (protocol: string, from: number | undefined, to: number | undefined, cidr = '0.0.0.0/0'): IpPermission => ({
  IpProtocol: protocol,
  ...(from !== undefined ? { FromPort: from } : {}),
  ...(to !== undefined ? { ToPort: to } : {}),
  IpRanges: [{ CidrIp: cidr }],
});

export const v6 = (protocol: string, from: number | undefined, to: number | undefined, cidr = '::/0'): IpPermission => ({
  IpProtocol: protocol,
  ...(from !== undefined ? { FromPort: from } : {}),
  ...(to !== undefined ? { ToPort: to } : {}),
  Ipv6Ranges: [{ CidrIpv6: cidr }],
});

/** One group per case; each open-port rule's test states which of them it fails. */
export const GROUPS: SecurityGroup[] = [
  sg('sg-ssh-v4', [v4('tcp', 22, 22)]),
  sg('sg-ssh-v6', [v6('tcp', 22, 22)]),
  sg('sg-wide-v4', [v4('tcp', 0, 65535)]),
  sg('sg-all-v4', [v4('-1', undefined, undefined)]),
  sg('sg-all-v6', [v6('-1', undefined, undefined)]),
  sg('sg-udp-admin-v4', [v4('udp', 22, 3389)]),
  sg('sg-rdp-v4', [v4('tcp', 3389, 3389)]),
  sg('sg-rdp-v6-numeric', [v6('6', 3389, 3389)]),
  sg('sg-cifs-v4', [v4('tcp', 445, 445)]),
  sg('sg-cifs-udp-v6', [v6('udp', 440, 450)]),
  // Never open to the internet: private ranges, near misses, group references, ICMP, egress.
  sg('sg-private', [v4('tcp', 22, 22, '10.0.0.0/8'), v6('tcp', 3389, 3389, '2001:db8::/32'), v4('tcp', 445, 445, '192.168.0.0/16')]),
  sg('sg-near-miss', [v4('tcp', 23, 444), v4('tcp', 446, 3388), v6('tcp', 3390, 65535)]),
  sg('sg-self', [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-self' }] }, v4('icmp', -1, -1)], [v4('-1', undefined, undefined)]),
  sg('sg-empty', []),
];

export const ALL_IDS = GROUPS.map((g) => g.GroupId ?? '');
