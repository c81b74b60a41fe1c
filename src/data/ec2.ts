/**
 * EC2 reads: Regions, EBS default encryption, and the Region-wide lists the
 * network rules share (security groups, VPCs, flow logs, instances, network
 * ACLs). Each list is one paginated read per Region, whatever the number of
 * rules or resources that use it.
 */
import type { FlowLog, Instance, NetworkAcl, SecurityGroup, Vpc } from '@aws-sdk/client-ec2';
import { collect, defineAccessor } from './accessor.js';
import { MalformedResponse, requiredBoolean, requiredList, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const ec2Sdk = () => import('@aws-sdk/client-ec2');

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
      const { DescribeRegionsCommand, EC2Client } = await ec2Sdk();
      const out = await ctx.client(EC2Client).send(new DescribeRegionsCommand({ AllRegions: true }));
      // Every account has Regions: an empty list would silently shrink the scan to the home Region.
      const listed = requiredList(out.Regions, 'Regions', 'ec2:DescribeRegions');
      if (listed.length === 0) throw new MalformedResponse('ec2:DescribeRegions', 'the answer lists no Region');
      return listed
        .map((r) => ({ name: requiredString(r.RegionName, 'RegionName', 'ec2:DescribeRegions'), optInStatus: r.OptInStatus ?? 'opt-in-not-required' }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  }),

  ebsEncryptionByDefault: defineAccessor({
    actions: ['ec2:GetEbsEncryptionByDefault'],
    async fetch(ctx): Promise<boolean> {
      const { EC2Client, GetEbsEncryptionByDefaultCommand } = await ec2Sdk();
      const out = await ctx.client(EC2Client).send(new GetEbsEncryptionByDefaultCommand({}));
      return requiredBoolean(out.EbsEncryptionByDefault, 'EbsEncryptionByDefault', 'ec2:GetEbsEncryptionByDefault');
    },
  }),

  /** Every security group of the Region, with its rules (one list read serves every SG rule). */
  securityGroups: defineAccessor({
    actions: ['ec2:DescribeSecurityGroups'],
    async fetch(ctx): Promise<SecurityGroup[]> {
      const { EC2Client, paginateDescribeSecurityGroups } = await ec2Sdk();
      return collect(
        paginateDescribeSecurityGroups({ client: ctx.client(EC2Client) }, {}),
        'SecurityGroups', 'ec2:DescribeSecurityGroups',
      );
    },
  }),

  /** Every VPC of the Region. */
  vpcs: defineAccessor({
    actions: ['ec2:DescribeVpcs'],
    async fetch(ctx): Promise<Vpc[]> {
      const { EC2Client, paginateDescribeVpcs } = await ec2Sdk();
      return collect(paginateDescribeVpcs({ client: ctx.client(EC2Client) }, {}), 'Vpcs', 'ec2:DescribeVpcs');
    },
  }),

  /**
   * Every flow log of the Region (VPC, subnet and interface flow logs alike):
   * one list for all VPCs, not a `resource-id` filtered call per VPC.
   */
  flowLogs: defineAccessor({
    actions: ['ec2:DescribeFlowLogs'],
    async fetch(ctx): Promise<FlowLog[]> {
      const { EC2Client, paginateDescribeFlowLogs } = await ec2Sdk();
      return collect(paginateDescribeFlowLogs({ client: ctx.client(EC2Client) }, {}), 'FlowLogs', 'ec2:DescribeFlowLogs');
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
      const { EC2Client, paginateDescribeInstances } = await ec2Sdk();
      const reservations = await collect(
        paginateDescribeInstances({ client: ctx.client(EC2Client) }, {}),
        'Reservations', 'ec2:DescribeInstances',
      );
      return reservations.flatMap((reservation) => reservation.Instances ?? []);
    },
  }),

  /** Every network ACL of the Region, default ones included, with its entries. */
  networkAcls: defineAccessor({
    actions: ['ec2:DescribeNetworkAcls'],
    async fetch(ctx): Promise<NetworkAcl[]> {
      const { EC2Client, paginateDescribeNetworkAcls } = await ec2Sdk();
      return collect(paginateDescribeNetworkAcls({ client: ctx.client(EC2Client) }, {}), 'NetworkAcls', 'ec2:DescribeNetworkAcls');
    },
  }),
};
