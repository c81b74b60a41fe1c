/**
 * EC2 reads: Regions, EBS default encryption, and the Region-wide lists the
 * network rules share (security groups, VPCs, flow logs, instances, network
 * ACLs). Each list is one paginated read per Region, whatever the number of
 * rules or resources that use it.
 */
import {
  DescribeRegionsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  type FlowLog,
  type Instance,
  type NetworkAcl,
  type SecurityGroup,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { collect, defineAccessor } from './accessor.js';

export interface RegionInfo {
  name: string;
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`. */
  optInStatus: string;
}

export const ec2 = {
  /** Every Region with its opt-in status (DescribeRegions with AllRegions). */
  regions: defineAccessor({
    global: true,
    actions: ['ec2:DescribeRegions'],
    async fetch(ctx): Promise<RegionInfo[]> {
      const out = await ctx.client(EC2Client).send(new DescribeRegionsCommand({ AllRegions: true }));
      return (out.Regions ?? [])
        .map((r) => ({ name: r.RegionName ?? '', optInStatus: r.OptInStatus ?? 'opt-in-not-required' }))
        .filter((r) => r.name !== '')
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  }),

  ebsEncryptionByDefault: defineAccessor({
    actions: ['ec2:GetEbsEncryptionByDefault'],
    async fetch(ctx): Promise<boolean> {
      const out = await ctx.client(EC2Client).send(new GetEbsEncryptionByDefaultCommand({}));
      return out.EbsEncryptionByDefault === true;
    },
  }),

  /** Every security group of the Region, with its rules (one list read serves every SG rule). */
  securityGroups: defineAccessor({
    actions: ['ec2:DescribeSecurityGroups'],
    async fetch(ctx): Promise<SecurityGroup[]> {
      return collect(
        paginateDescribeSecurityGroups({ client: ctx.client(EC2Client) }, {}),
        (page) => page.SecurityGroups,
      );
    },
  }),

  /** Every VPC of the Region. */
  vpcs: defineAccessor({
    actions: ['ec2:DescribeVpcs'],
    async fetch(ctx): Promise<Vpc[]> {
      return collect(paginateDescribeVpcs({ client: ctx.client(EC2Client) }, {}), (page) => page.Vpcs);
    },
  }),

  /**
   * Every flow log of the Region (VPC, subnet and interface flow logs alike):
   * one list for all VPCs, not a `resource-id` filtered call per VPC.
   */
  flowLogs: defineAccessor({
    actions: ['ec2:DescribeFlowLogs'],
    async fetch(ctx): Promise<FlowLog[]> {
      return collect(paginateDescribeFlowLogs({ client: ctx.client(EC2Client) }, {}), (page) => page.FlowLogs);
    },
  }),

  /**
   * Every instance of the Region, in any state (terminated ones included: rules
   * decide what to skip), flattened out of their reservations. Each carries
   * `MetadataOptions` and `IamInstanceProfile`, so no per-instance read is needed.
   */
  instances: defineAccessor({
    actions: ['ec2:DescribeInstances'],
    async fetch(ctx): Promise<Instance[]> {
      const reservations = await collect(
        paginateDescribeInstances({ client: ctx.client(EC2Client) }, {}),
        (page) => page.Reservations,
      );
      return reservations.flatMap((reservation) => reservation.Instances ?? []);
    },
  }),

  /** Every network ACL of the Region, default ones included, with its entries. */
  networkAcls: defineAccessor({
    actions: ['ec2:DescribeNetworkAcls'],
    async fetch(ctx): Promise<NetworkAcl[]> {
      return collect(paginateDescribeNetworkAcls({ client: ctx.client(EC2Client) }, {}), (page) => page.NetworkAcls);
    },
  }),
};
