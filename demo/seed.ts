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
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
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

  return { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
}
