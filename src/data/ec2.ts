/** EC2 reads: Regions, EBS default encryption, security groups. */
import {
  DescribeRegionsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeSecurityGroups,
  type SecurityGroup,
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
};
