/**
 * Seed for the network rules: EC2.6, EC2.8, EC2.13, EC2.14, EC2.21, EC2.53, EC2.54,
 * CIS 5.1.2 (CIFS) and the CIS instance-role rule, in us-east-1 and eu-west-1.
 *
 * Everything is created here, in VPCs of our own: default security groups, the
 * default VPCs' settings and EBS encryption belong to the foundation seed and
 * are not touched. The only pre-existing resources named in the expectations
 * are the default VPCs (no flow log: FAILED for EC2.6).
 */
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type IpPermission,
  type CreateNetworkAclEntryCommandInput,
  type RunInstancesCommandInput,
  type TrafficType,
} from '@aws-sdk/client-ec2';
import { motoClient } from '../../../src/dev/moto-server.js';
import type { ComplianceStatus } from '../../../src/engine/rule.js';
import type { Expectation, Seed } from './seed.js';

export const NETWORK_RULES = {
  flowLogs: 'ec2-vpc-flow-logs-enabled',
  imdsv2: 'ec2-instance-imdsv2-required',
  role: 'ec2-instance-iam-role-attached',
  ssh: 'ec2-sg-ssh-restricted',
  rdp: 'ec2-sg-rdp-restricted',
  adminV4: 'ec2-sg-admin-ports-ipv4-restricted',
  adminV6: 'ec2-sg-admin-ports-ipv6-restricted',
  cifs: 'ec2-sg-cifs-restricted',
  nacl: 'ec2-nacl-admin-ports-restricted',
} as const;
const R = NETWORK_RULES;
const SG_RULES = [R.ssh, R.rdp, R.adminV4, R.adminV6, R.cifs] as const;

const PASS: ComplianceStatus = 'PASSED';
const FAIL: ComplianceStatus = 'FAILED';

const tcp = (from: number, to: number, v4?: string, v6?: string): IpPermission => perm('tcp', from, to, v4, v6);
const udp = (from: number, to: number, v4?: string, v6?: string): IpPermission => perm('udp', from, to, v4, v6);
function perm(protocol: string, from: number | undefined, to: number | undefined, v4?: string, v6?: string): IpPermission {
  return {
    IpProtocol: protocol,
    ...(from !== undefined ? { FromPort: from, ToPort: to } : {}),
    ...(v4 ? { IpRanges: [{ CidrIp: v4 }] } : {}),
    ...(v6 ? { Ipv6Ranges: [{ CidrIpv6: v6 }] } : {}),
  };
}

type AclEntry = Omit<CreateNetworkAclEntryCommandInput, 'NetworkAclId' | 'Egress'>;

const allow = (rule: number, protocol: string, source: string, from?: number, to?: number): AclEntry => ({
  RuleNumber: rule,
  Protocol: protocol,
  RuleAction: 'allow',
  ...(source.includes(':') ? { Ipv6CidrBlock: source } : { CidrBlock: source }),
  ...(from !== undefined ? { PortRange: { From: from, To: to ?? from } } : {}),
});
const deny = (rule: number, protocol: string, source: string, from?: number, to?: number): AclEntry => ({ ...allow(rule, protocol, source, from, to), RuleAction: 'deny' });

class RegionSeeder {
  readonly ec2: EC2Client;
  readonly expectations: Expectation[] = [];
  private image = '';

  constructor(
    readonly url: string,
    readonly region: string,
  ) {
    this.ec2 = motoClient(EC2Client, url, region);
  }

  expect(rule: string, resource: string, status: ComplianceStatus): void {
    this.expectations.push({ rule, region: this.region, resource, status });
  }

  async vpc(name: string, cidr: string, flowLog?: TrafficType): Promise<{ id: string; subnet: string }> {
    const out = await this.ec2.send(
      new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] }),
    );
    const id = out.Vpc?.VpcId ?? '';
    const subnet = await this.ec2.send(new CreateSubnetCommand({ VpcId: id, CidrBlock: cidr.replace(/\.0\.0\/16$/, '.1.0/24') }));
    if (flowLog) {
      const group = `/hubcheck/network/${name}`;
      await motoClient(CloudWatchLogsClient, this.url, this.region).send(new CreateLogGroupCommand({ logGroupName: group }));
      await this.ec2.send(
        new CreateFlowLogsCommand({
          ResourceIds: [id],
          ResourceType: 'VPC',
          TrafficType: flowLog,
          LogDestinationType: 'cloud-watch-logs',
          LogGroupName: group,
          DeliverLogsPermissionArn: `arn:aws:iam::123456789012:role/hubcheck-flow-logs`,
        }),
      );
    }
    return { id, subnet: subnet.Subnet?.SubnetId ?? '' };
  }

  async defaultVpc(): Promise<string> {
    const out = await this.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    return out.Vpcs?.[0]?.VpcId ?? '';
  }

  /** A security group with the given ingress, and the status each open-port rule must give it. */
  async group(vpc: string, name: string, ingress: IpPermission[], failing: readonly string[]): Promise<void> {
    const out = await this.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: `hubcheck network e2e: ${name}` }));
    const id = out.GroupId ?? '';
    await this.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: ingress }));
    for (const rule of SG_RULES) this.expect(rule, `${name} (${id})`, failing.includes(rule) ? FAIL : PASS);
  }

  async nacl(vpc: string, name: string, entries: AclEntry[], status: ComplianceStatus): Promise<void> {
    const out = await this.ec2.send(
      new CreateNetworkAclCommand({ VpcId: vpc, TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: name }] }] }),
    );
    const id = out.NetworkAcl?.NetworkAclId ?? '';
    for (const entry of entries) {
      await this.ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: id, Egress: false, ...entry }));
    }
    this.expect(R.nacl, `${name} (${id})`, status);
  }

  async instance(
    subnet: string,
    name: string,
    options: Pick<RunInstancesCommandInput, 'MetadataOptions' | 'IamInstanceProfile'>,
    status?: { imdsv2: ComplianceStatus; role: ComplianceStatus },
  ): Promise<string> {
    if (!this.image) {
      // moto ships real AMI ids per Region; RunInstances needs one of them.
      const images = await this.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['amzn2-ami-hvm-*'] }] }));
      this.image = images.Images?.[0]?.ImageId ?? '';
      if (!this.image) throw new Error(`moto has no Amazon Linux 2 AMI in ${this.region}`);
    }
    const out = await this.ec2.send(
      new RunInstancesCommand({
        ImageId: this.image,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
        ...options,
      }),
    );
    const id = out.Instances?.[0]?.InstanceId ?? '';
    if (status) {
      this.expect(R.imdsv2, `${name} (${id})`, status.imdsv2);
      this.expect(R.role, `${name} (${id})`, status.role);
    }
    return id;
  }
}

export const networkSeed: Seed = {
  name: 'network',
  rules: Object.values(NETWORK_RULES),
  async seed(url) {
    const iam = motoClient(IAMClient, url);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'hubcheck-network-app',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'hubcheck-network-app' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'hubcheck-network-app', RoleName: 'hubcheck-network-app' }));
    const withRole = { IamInstanceProfile: { Name: 'hubcheck-network-app' } };

    // ----- us-east-1 -----------------------------------------------------------
    const us = new RegionSeeder(url, 'us-east-1');
    const usReject = await us.vpc('net-flow-reject', '10.30.0.0/16', 'REJECT');
    const usAccept = await us.vpc('net-flow-accept', '10.31.0.0/16', 'ACCEPT');
    us.expect(R.flowLogs, `net-flow-reject (${usReject.id})`, PASS);
    us.expect(R.flowLogs, `net-flow-accept (${usAccept.id})`, FAIL);
    us.expect(R.flowLogs, await us.defaultVpc(), FAIL);

    await us.group(usReject.id, 'net-ssh-open', [tcp(22, 22, '0.0.0.0/0')], [R.ssh, R.adminV4]);
    await us.group(usReject.id, 'net-rdp-open-v6', [tcp(3389, 3389, undefined, '::/0')], [R.rdp, R.adminV6]);
    await us.group(usReject.id, 'net-restricted', [tcp(22, 22, '10.0.0.0/8'), tcp(443, 443, '0.0.0.0/0', '::/0')], []);

    await us.nacl(usReject.id, 'net-acl-ssh-open', [allow(100, '6', '0.0.0.0/0', 22)], FAIL);
    // A deny entry numbered before the allow does not save it (spec point 12).
    await us.nacl(usReject.id, 'net-acl-shadowed', [deny(90, '6', '0.0.0.0/0', 22), deny(91, '6', '0.0.0.0/0', 3389), allow(100, '-1', '0.0.0.0/0')], FAIL);
    // Return traffic on the Linux ephemeral ports; the usual 1024-65535 would cover 3389 and fail.
    await us.nacl(usReject.id, 'net-acl-web', [allow(100, '6', '0.0.0.0/0', 443), allow(110, '6', '0.0.0.0/0', 32768, 60999)], PASS);

    await us.instance(usReject.subnet, 'net-v2-role', { MetadataOptions: { HttpTokens: 'required' }, ...withRole }, { imdsv2: PASS, role: PASS });
    await us.instance(usReject.subnet, 'net-v1-bare', { MetadataOptions: { HttpTokens: 'optional' } }, { imdsv2: FAIL, role: FAIL });
    const gone = await us.instance(usReject.subnet, 'net-terminated', { MetadataOptions: { HttpTokens: 'optional' } });
    await us.ec2.send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
    // Terminated: no finding for either instance rule (the e2e test checks its absence).

    // ----- eu-west-1 -----------------------------------------------------------
    const eu = new RegionSeeder(url, 'eu-west-1');
    const euAll = await eu.vpc('net-flow-all', '10.40.0.0/16', 'ALL');
    const euNone = await eu.vpc('net-flow-none', '10.41.0.0/16');
    eu.expect(R.flowLogs, `net-flow-all (${euAll.id})`, PASS);
    eu.expect(R.flowLogs, `net-flow-none (${euNone.id})`, FAIL);
    eu.expect(R.flowLogs, await eu.defaultVpc(), FAIL);

    await eu.group(euAll.id, 'net-all-open', [perm('-1', undefined, undefined, '0.0.0.0/0')], [R.ssh, R.rdp, R.adminV4, R.cifs]);
    // UDP counts for EC2.53/54 and CIFS, not for EC2.13/14; 22-3389 spans 445.
    await eu.group(euAll.id, 'net-udp-admin-v6', [udp(22, 3389, undefined, '::/0')], [R.adminV6, R.cifs]);
    await eu.group(euAll.id, 'net-cifs-open', [tcp(445, 445, '0.0.0.0/0')], [R.cifs]);
    await eu.group(euNone.id, 'net-restricted-eu', [tcp(3389, 3389, '192.168.0.0/16'), tcp(22, 22, undefined, '2001:db8::/32')], []);

    await eu.nacl(euAll.id, 'net-acl-rdp-v6', [allow(100, '17', '::/0', 3389)], FAIL);
    await eu.nacl(euAll.id, 'net-acl-private', [allow(100, '-1', '10.0.0.0/8'), allow(110, '6', '0.0.0.0/0', 80)], PASS);

    // IMDSv1 allowed with the endpoint disabled still fails (spec point 11).
    await eu.instance(euAll.subnet, 'net-v1-endpoint-off', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' }, ...withRole }, { imdsv2: FAIL, role: PASS });
    await eu.instance(euAll.subnet, 'net-v2-bare', { MetadataOptions: { HttpTokens: 'required' } }, { imdsv2: PASS, role: FAIL });

    return [...us.expectations, ...eu.expectations];
  },
};
