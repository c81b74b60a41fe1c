import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { DataUnavailable } from '../../src/data/errors.js';
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

  it('collects VPCs across pages, once per Region', async () => {
    ec2
      .on(DescribeVpcsCommand)
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 't' })
      .resolves({ Vpcs: [{ VpcId: 'vpc-2' }] });
    const { data } = mockedLiveSource();
    const [a, b] = await Promise.all([data().ec2.vpcs(), data().ec2.vpcs()]);
    expect(a.map((v) => v.VpcId)).toEqual(['vpc-1', 'vpc-2']);
    expect(b).toBe(a);
    expect(ec2.commandCalls(DescribeVpcsCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeVpcsCommand)[1]?.args[0].input).toMatchObject({ NextToken: 't' });
  });

  it('reads every flow log of the Region in one paginated list, with no per-VPC filter', async () => {
    ec2
      .on(DescribeFlowLogsCommand)
      .resolvesOnce({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', TrafficType: 'REJECT' }], NextToken: 'n' })
      .resolves({ FlowLogs: [{ FlowLogId: 'fl-2', ResourceId: 'subnet-1', TrafficType: 'ALL' }] });
    const { data } = mockedLiveSource();
    const logs = await data('eu-west-1').ec2.flowLogs();
    await data('eu-west-1').ec2.flowLogs();
    expect(logs.map((l) => l.FlowLogId)).toEqual(['fl-1', 'fl-2']);
    const calls = ec2.commandCalls(DescribeFlowLogsCommand);
    expect(calls).toHaveLength(2); // two pages, one read
    expect(calls[0]?.args[0].input).not.toHaveProperty('Filter');
    expect(calls[0]?.args[0].input).not.toHaveProperty('FlowLogIds');
  });

  it('flattens instances out of every reservation on every page, keeping metadata options and profiles', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [
          { ReservationId: 'r-1', Instances: [{ InstanceId: 'i-1', MetadataOptions: { HttpTokens: 'required' } }, { InstanceId: 'i-2' }] },
          { ReservationId: 'r-2', Instances: [{ InstanceId: 'i-3', IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/app' } }] },
        ],
        NextToken: 'p2',
      })
      .resolves({ Reservations: [{ ReservationId: 'r-3', Instances: [{ InstanceId: 'i-4', State: { Name: 'terminated' } }] }, { ReservationId: 'r-4' }] });
    const { data } = mockedLiveSource();
    const instances = await data().ec2.instances();
    expect(instances.map((i) => i.InstanceId)).toEqual(['i-1', 'i-2', 'i-3', 'i-4']);
    expect(instances[0]?.MetadataOptions?.HttpTokens).toBe('required');
    expect(instances[2]?.IamInstanceProfile?.Arn).toBe('arn:aws:iam::123456789012:instance-profile/app');
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
  });

  it('collects network ACLs across pages, per Region', async () => {
    ec2
      .on(DescribeNetworkAclsCommand)
      .resolvesOnce({ NetworkAcls: [{ NetworkAclId: 'acl-1', IsDefault: true }], NextToken: 'x' })
      .resolves({ NetworkAcls: [{ NetworkAclId: 'acl-2', IsDefault: false }] });
    const { data } = mockedLiveSource();
    expect((await data().ec2.networkAcls()).map((a) => a.NetworkAclId)).toEqual(['acl-1', 'acl-2']);
    expect(ec2.commandCalls(DescribeNetworkAclsCommand)).toHaveLength(2);
  });

  it.each([
    ['vpcs', DescribeVpcsCommand, 'ec2:DescribeVpcs'],
    ['flowLogs', DescribeFlowLogsCommand, 'ec2:DescribeFlowLogs'],
    ['instances', DescribeInstancesCommand, 'ec2:DescribeInstances'],
    ['networkAcls', DescribeNetworkAclsCommand, 'ec2:DescribeNetworkAcls'],
  ] as const)('turns a denied %s read into a DataUnavailable naming %s', async (accessor, Command, action) => {
    ec2
      .on(Command)
      .rejects(new EC2ServiceException({ name: 'UnauthorizedOperation', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'no' }));
    const { data } = mockedLiveSource();
    const error = await data('eu-west-1').ec2[accessor]().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataUnavailable);
    expect(error).toMatchObject({ action, reason: 'access-denied', code: 'UnauthorizedOperation', region: 'eu-west-1' });
  });
});
