/** Seed for the foundation rules: IAM.4, IAM.5, IAM.9, IAM.15, IAM.16, EC2.2, EC2.7 in us-east-1 and eu-west-1. */
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { motoClient } from '../../../src/dev/moto-server.js';
import type { Expectation, Seed } from './seed.js';

export const ACCOUNT = '123456789012';

export const foundationSeed: Seed = {
  name: 'foundation',
  rules: [
    'iam-user-console-mfa-enabled',
    'iam-password-policy-min-length',
    'iam-password-policy-reuse-prevention',
    'iam-root-access-key-absent',
    'iam-root-mfa-enabled',
    'ec2-ebs-default-encryption-enabled',
    'ec2-default-sg-closed',
  ],
  async seed(url) {
    const iam = motoClient(IAMClient, url);
    for (const user of ['alice', 'bob', 'carol']) await iam.send(new CreateUserCommand({ UserName: user }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9-Battery' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Correct-Horse-9-Battery' }));
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: device.VirtualMFADevice?.SerialNumber,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));

    await motoClient(EC2Client, url, 'eu-west-1').send(new EnableEbsEncryptionByDefaultCommand({}));
    const ec2 = motoClient(EC2Client, url, 'us-east-1');
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
    const expectations: Expectation[] = [
      { rule: 'iam-user-console-mfa-enabled', region: 'us-east-1', resource: 'alice', status: 'PASSED' },
      { rule: 'iam-user-console-mfa-enabled', region: 'us-east-1', resource: 'bob', status: 'FAILED' },
      { rule: 'iam-user-console-mfa-enabled', region: 'us-east-1', resource: 'carol', status: 'PASSED' },
      { rule: 'iam-password-policy-min-length', region: 'us-east-1', resource: ACCOUNT, status: 'PASSED' },
      { rule: 'iam-password-policy-reuse-prevention', region: 'us-east-1', resource: ACCOUNT, status: 'PASSED' },
      // moto hard-codes no root keys and no root MFA (spec/moto.md section 6); the other
      // outcome of each is tested with aws-sdk-client-mock in test/data/root-summary.test.ts.
      { rule: 'iam-root-access-key-absent', region: 'us-east-1', resource: ACCOUNT, status: 'PASSED' },
      { rule: 'iam-root-mfa-enabled', region: 'us-east-1', resource: ACCOUNT, status: 'FAILED' },
      { rule: 'ec2-ebs-default-encryption-enabled', region: 'us-east-1', resource: ACCOUNT, status: 'FAILED' },
      { rule: 'ec2-ebs-default-encryption-enabled', region: 'eu-west-1', resource: ACCOUNT, status: 'PASSED' },
    ];
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
    for (const group of groups.SecurityGroups ?? []) {
      const name = `default (${group.GroupId})`;
      if (group.VpcId === vpc.Vpc?.VpcId) {
        expectations.push({ rule: 'ec2-default-sg-closed', region: 'us-east-1', resource: name, status: 'FAILED' });
        continue;
      }
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissionsEgress }));
      expectations.push({ rule: 'ec2-default-sg-closed', region: 'us-east-1', resource: name, status: 'PASSED' });
    }
    const eu = await motoClient(EC2Client, url, 'eu-west-1').send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }),
    );
    for (const group of eu.SecurityGroups ?? []) {
      expectations.push({ rule: 'ec2-default-sg-closed', region: 'eu-west-1', resource: `default (${group.GroupId})`, status: 'FAILED' });
    }
    return expectations;
  },
};
