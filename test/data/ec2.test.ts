import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeRegionsCommand, DescribeSecurityGroupsCommand, EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { mockedLiveSource } from '../helpers/live.js';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

describe('EC2 accessors', () => {
  it('lists Regions with their opt-in status, asking for all Regions once per account', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-west-2', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
      ],
    });
    const { data } = mockedLiveSource();
    const regions = await data('eu-west-1').ec2.regions();
    await data('us-east-1').ec2.regions();
    expect(regions).toEqual([
      { name: 'af-south-1', optInStatus: 'not-opted-in' },
      { name: 'ap-east-1', optInStatus: 'opted-in' },
      { name: 'us-west-2', optInStatus: 'opt-in-not-required' },
    ]);
    expect(ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DescribeRegionsCommand)[0]?.args[0].input).toEqual({ AllRegions: true });
  });

  it('reads EBS default encryption per Region', async () => {
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    const { data } = mockedLiveSource();
    expect(await data('us-east-1').ec2.ebsEncryptionByDefault()).toBe(true);
    expect(await data('eu-west-1').ec2.ebsEncryptionByDefault()).toBe(true);
    expect(await data('eu-west-1').ec2.ebsEncryptionByDefault()).toBe(true);
    expect(ec2.commandCalls(GetEbsEncryptionByDefaultCommand)).toHaveLength(2);
  });

  it('collects security groups across pages', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 't' })
      .resolves({ SecurityGroups: [{ GroupId: 'sg-2' }] });
    const { data } = mockedLiveSource();
    expect((await data().ec2.securityGroups()).map((g) => g.GroupId)).toEqual(['sg-1', 'sg-2']);
  });
});
