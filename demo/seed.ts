/**
 * The demo account: "Acme Robotics", a fictional company whose AWS account is
 * partly misconfigured the way real ones are. `seedAcme` builds it in a moto
 * server; demo/record.ts records a scan of it into the embedded snapshot.
 *
 * What is wrong on purpose: a weak password policy, console users without MFA,
 * open default security groups, EBS default encryption off outside eu-west-1,
 * no root MFA. What is right: MFA for the admins, eu-west-1 locked down, no
 * root access keys.
 */
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  TagUserCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
} from '@aws-sdk/client-iam';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { motoClient, type MotoCredentials } from '../src/dev/moto-server.js';

export const ACME_ACCOUNT = '314159265358';
export const ACME_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
export const ACME_HOME_REGION = 'us-east-1';

interface DemoUser {
  name: string;
  team: string;
  console: boolean;
  mfa: boolean;
  accessKey: boolean;
}

const USERS: DemoUser[] = [
  { name: 'alice.nguyen', team: 'platform', console: true, mfa: true, accessKey: false },
  { name: 'bob.schmidt', team: 'robotics-firmware', console: true, mfa: false, accessKey: true },
  { name: 'carol.okafor', team: 'data', console: true, mfa: false, accessKey: false },
  { name: 'dmitri.ivanov', team: 'finance', console: true, mfa: true, accessKey: false },
  { name: 'ci-deploy', team: 'platform', console: false, mfa: false, accessKey: true },
  { name: 'legacy-reporting', team: 'data', console: false, mfa: false, accessKey: true },
];

/** Builds Acme's account in moto; returns the credentials of its security-audit user, which hubcheck scans with. */
export async function seedAcme(url: string): Promise<MotoCredentials> {
  const iam = motoClient(IAMClient, url, ACME_HOME_REGION);
  await iam.send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 8,
      PasswordReusePrevention: 5,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      RequireNumbers: false,
      RequireSymbols: false,
      MaxPasswordAge: 365,
    }),
  );
  for (const user of USERS) {
    await iam.send(new CreateUserCommand({ UserName: user.name, Tags: [{ Key: 'team', Value: user.team }] }));
    if (user.console) await iam.send(new CreateLoginProfileCommand({ UserName: user.name, Password: 'Acme-Robotics-2026!' }));
    if (user.mfa) {
      const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${user.name}-phone` }));
      await iam.send(
        new EnableMFADeviceCommand({
          UserName: user.name,
          SerialNumber: device.VirtualMFADevice?.SerialNumber,
          AuthenticationCode1: '123456',
          AuthenticationCode2: '654321',
        }),
      );
    }
    if (user.accessKey) await iam.send(new CreateAccessKeyCommand({ UserName: user.name }));
  }
  await iam.send(new CreateUserCommand({ UserName: 'security-audit' }));
  await iam.send(new TagUserCommand({ UserName: 'security-audit', Tags: [{ Key: 'purpose', Value: 'hubcheck scans' }] }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'security-audit' }))).AccessKey;

  // eu-west-1 is the locked-down production Region; the others were set up by hand.
  await motoClient(EC2Client, url, 'eu-west-1').send(new EnableEbsEncryptionByDefaultCommand({}));
  const euWest = motoClient(EC2Client, url, 'eu-west-1');
  for (const group of (await euWest.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))).SecurityGroups ?? []) {
    if (group.IpPermissions?.length) await euWest.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissions }));
    if (group.IpPermissionsEgress?.length) await euWest.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissionsEgress }));
  }
  const usEast = motoClient(EC2Client, url, 'us-east-1');
  const staging = await usEast.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }));
  await usEast.send(new CreateTagsCommand({ Resources: [staging.Vpc?.VpcId ?? ''], Tags: [{ Key: 'Name', Value: 'staging' }] }));
  await seedAcmeNetwork(url, staging.Vpc?.VpcId ?? '');

  return { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
}

/**
 * Acme's network: a bastion open to the world on SSH and a legacy Windows
 * group open on RDP in us-east-1, a staging NACL that lets SSH in from
 * anywhere, three instances (one modern, two legacy), and flow logs only in
 * eu-west-1.
 */
async function seedAcmeNetwork(url: string, stagingVpc: string): Promise<void> {
  const iam = motoClient(IAMClient, url, ACME_HOME_REGION);
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'web-app',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-app' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-app', RoleName: 'web-app' }));

  const us = motoClient(EC2Client, url, 'us-east-1');
  const defaultVpc = (await us.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
  const group = async (name: string, permissions: IpPermission[]) => {
    const created = await us.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `Acme ${name}`, VpcId: defaultVpc }));
    await us.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: created.GroupId, IpPermissions: permissions }));
    return created.GroupId ?? '';
  };
  const bastion = await group('bastion', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
  await group('legacy-windows', [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]);
  const web = await group('web', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);

  const acl = await us.send(new CreateNetworkAclCommand({ VpcId: stagingVpc }));
  await us.send(
    new CreateNetworkAclEntryCommand({
      NetworkAclId: acl.NetworkAcl?.NetworkAclId,
      RuleNumber: 100,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      PortRange: { From: 22, To: 22 },
    }),
  );

  const image = (await us.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['amzn2-ami-hvm-*'] }] }))).Images?.[0]?.ImageId;
  const subnet = (await us.send(new CreateSubnetCommand({ VpcId: stagingVpc, CidrBlock: '10.42.1.0/24' }))).Subnet?.SubnetId;
  const launch = (name: string, groups: string[], modern: boolean) =>
    us.send(
      new RunInstancesCommand({
        ImageId: image,
        InstanceType: 't3.small',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        SecurityGroupIds: groups,
        MetadataOptions: { HttpTokens: modern ? 'required' : 'optional', HttpEndpoint: 'enabled' },
        ...(modern ? { IamInstanceProfile: { Name: 'web-app' } } : {}),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
      }),
    );
  await launch('web-1', [web], true);
  await launch('bastion-1', [bastion], false);
  await launch('reporting-legacy', [web], false);

  // eu-west-1 is the locked-down Region: flow logs on its default VPC.
  const eu = motoClient(EC2Client, url, 'eu-west-1');
  await motoClient(CloudWatchLogsClient, url, 'eu-west-1').send(new CreateLogGroupCommand({ logGroupName: 'vpc-flow-logs' }));
  const euVpc = (await eu.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId ?? '';
  await eu.send(
    new CreateFlowLogsCommand({
      ResourceIds: [euVpc],
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: 'vpc-flow-logs',
      DeliverLogsPermissionArn: `arn:aws:iam::${ACME_ACCOUNT}:role/web-app`,
    }),
  );
}
