/**
 * The demo account: "Acme Robotics", a fictional company whose AWS account is
 * partly misconfigured the way real ones are. `seedAcme` builds it in a moto
 * server; demo/record.ts records a scan of it into the embedded snapshot.
 *
 * What is wrong on purpose: a weak password policy, console users without MFA,
 * open default security groups, EBS default encryption off outside eu-west-1,
 * no root MFA. What is right: MFA for the admins, eu-west-1 locked down, no
 * root access keys. For CIS v7.0.0 (seed-v7.ts, and two policies here): some
 * resource policies open to everyone, some web front ends without access logs.
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
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { DisableMacieCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
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
import { openDecryptStatement, publicAssetsStatement, seedAcmeV7 } from './seed-v7.js';
import { cisFilterPattern, metricNameOf, putMetricAlarm } from '../src/dev/seed-metric-alarm.js';

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
  await seedAcmeStorage(url);
  await seedAcmeIdentity(url);
  await seedAcmeLogging(url);
  await seedAcmeV7(url, ACME_ACCOUNT);

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

/**
 * Acme's data: a locked-down production bucket and backups in eu-west-1, a
 * marketing site bucket with nothing set in us-east-1, a data lake with a
 * lifecycle in ap-southeast-2; an encrypted Multi-AZ order database and a
 * public, unencrypted legacy one; one encrypted and one plain file system;
 * a rotating and a non-rotating key. Account Block Public Access is half on.
 */
async function seedAcmeStorage(url: string): Promise<void> {
  const bucket = async (name: string, region: string, setup: (s3: S3Client) => Promise<unknown> = async () => undefined) => {
    const s3 = motoClient(S3Client, url, region);
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    await setup(s3);
  };
  const tlsOnly = (name: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ...(name === 'acme-prod-assets' ? [publicAssetsStatement(name)] : []),
      ],
    });
  const allOn = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  await bucket('acme-prod-assets', 'eu-west-1', async (s3) => {
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'acme-prod-assets', Policy: tlsOnly('acme-prod-assets') }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'acme-prod-assets', PublicAccessBlockConfiguration: allOn }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'acme-prod-assets', VersioningConfiguration: { Status: 'Enabled' } }));
  });
  await bucket('acme-backups', 'eu-west-1', async (s3) => {
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'acme-backups', Policy: tlsOnly('acme-backups') }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'acme-backups', PublicAccessBlockConfiguration: allOn }));
    await s3.send(
      new PutBucketEncryptionCommand({ Bucket: 'acme-backups', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }),
    );
  });
  await bucket('acme-marketing-site', 'us-east-1');
  await bucket('acme-data-lake', 'ap-southeast-2', (s3) =>
    s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'acme-data-lake',
        LifecycleConfiguration: { Rules: [{ ID: 'expire-raw', Status: 'Enabled', Filter: { Prefix: 'raw/' }, Expiration: { Days: 365 } }] },
      }),
    ),
  );
  await motoClient(S3ControlClient, url).send(
    new PutAccountPublicAccessBlockCommand({
      AccountId: ACME_ACCOUNT,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
    }),
  );

  const rdsEu = motoClient(RDSClient, url, 'eu-west-1');
  await rdsEu.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'prod-orders',
      DBInstanceClass: 'db.r6g.large',
      Engine: 'postgres',
      AllocatedStorage: 100,
      MasterUsername: 'orders',
      MasterUserPassword: 'Acme-Orders-2026!',
      StorageEncrypted: true,
      MultiAZ: true,
      PubliclyAccessible: false,
      AutoMinorVersionUpgrade: true,
    }),
  );
  await motoClient(RDSClient, url, 'us-east-1').send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'legacy-reporting-db',
      DBInstanceClass: 'db.t3.medium',
      Engine: 'mysql',
      AllocatedStorage: 20,
      MasterUsername: 'report',
      MasterUserPassword: 'Acme-Report-2019!',
      StorageEncrypted: false,
      MultiAZ: false,
      PubliclyAccessible: true,
      AutoMinorVersionUpgrade: false,
    }),
  );
  await motoClient(RDSClient, url, 'us-east-1').send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: 'analytics',
      Engine: 'aurora-postgresql',
      MasterUsername: 'analytics',
      MasterUserPassword: 'Acme-Analytics-2026!',
      StorageEncrypted: true,
    }),
  );
  await motoClient(EFSClient, url, 'us-east-1').send(new CreateFileSystemCommand({ CreationToken: 'shared-home', Tags: [{ Key: 'Name', Value: 'shared-home' }] }));
  await motoClient(EFSClient, url, 'eu-west-1').send(
    new CreateFileSystemCommand({ CreationToken: 'ml-datasets', Encrypted: true, Tags: [{ Key: 'Name', Value: 'ml-datasets' }] }),
  );
  const kmsEu = motoClient(KMSClient, url, 'eu-west-1');
  const prodKey = await kmsEu.send(new CreateKeyCommand({ Description: 'prod-orders database key' }));
  await kmsEu.send(new EnableKeyRotationCommand({ KeyId: prodKey.KeyMetadata?.KeyId }));
  const rootStatement = { Sid: 'AccountRoot', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACME_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
  await motoClient(KMSClient, url, 'us-east-1').send(
    new CreateKeyCommand({ Description: 'legacy reporting exports', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [rootStatement, openDecryptStatement()] }) }),
  );
  // Acme does not use Macie. (moto also answers an enabled session with dates the SDK cannot parse.)
  for (const region of ACME_REGIONS) await motoClient(Macie2Client, url, region).send(new DisableMacieCommand({}));
}

/**
 * Acme's identity setup beyond users: an admin group with a full-admin
 * customer policy, a developer group with CloudShell, a support role, a
 * policy attached straight to a user, an old server certificate, and a
 * registered security contact.
 */
async function seedAcmeIdentity(url: string): Promise<void> {
  const iam = motoClient(IAMClient, url, ACME_HOME_REGION);
  const admin = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'AcmeAdministrators',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    }),
  );
  const readOnly = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'AcmeDataReadOnly',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] }),
    }),
  );
  await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: admin.Policy?.Arn }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'alice.nguyen' }));
  await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'bob.schmidt' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'carol.okafor', PolicyArn: readOnly.Policy?.Arn }));
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'aws-support',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACME_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'aws-support', PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }));
  await iam.send(
    new UploadServerCertificateCommand({
      ServerCertificateName: 'legacy-api-acme-example',
      CertificateBody: '-----BEGIN CERTIFICATE-----\nMIIBlegacy\n-----END CERTIFICATE-----',
      PrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIBlegacy\n-----END PRIVATE KEY-----',
    }),
  );
  await motoClient(AccountClient, url, ACME_HOME_REGION).send(
    new PutAlternateContactCommand({
      AlternateContactType: 'SECURITY',
      Name: 'Acme Security Team',
      EmailAddress: 'security@acme-robotics.example',
      PhoneNumber: '+1-555-0100',
      Title: 'Security Operations',
    }),
  );
}

/**
 * Acme's logging: one multi-Region trail homed in us-east-1 with log file
 * validation and CloudWatch Logs but no KMS key, its bucket without access
 * logging, no S3 data events, alarms for five of the fifteen CIS events, AWS
 * Config only in us-east-1, Security Hub in us-east-1 and eu-west-1.
 */
async function seedAcmeLogging(url: string): Promise<void> {
  const home = ACME_HOME_REGION;
  await motoClient(S3Client, url, home).send(new CreateBucketCommand({ Bucket: 'acme-cloudtrail-logs' }));
  const logs = motoClient(CloudWatchLogsClient, url, home);
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'acme-cloudtrail' }));
  const trails = motoClient(CloudTrailClient, url, home);
  await trails.send(
    new CreateTrailCommand({
      Name: 'acme-org-trail',
      S3BucketName: 'acme-cloudtrail-logs',
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${home}:${ACME_ACCOUNT}:log-group:acme-cloudtrail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACME_ACCOUNT}:role/cloudtrail-to-cloudwatch`,
    }),
  );
  await trails.send(new PutEventSelectorsCommand({ TrailName: 'acme-org-trail', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
  await trails.send(new StartLoggingCommand({ Name: 'acme-org-trail' }));

  const sns = motoClient(SNSClient, url, home);
  const topic = (await sns.send(new CreateTopicCommand({ Name: 'acme-security-alerts' }))).TopicArn ?? '';
  await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'email', Endpoint: 'secops@acme-robotics.example' }));
  const cloudwatch = motoClient(CloudWatchClient, url, home);
  const alarmed = [
    'cloudwatch-root-usage-alarm',
    'cloudwatch-unauthorized-api-calls-alarm',
    'cloudwatch-console-login-no-mfa-alarm',
    'cloudwatch-iam-policy-changes-alarm',
    'cloudwatch-security-group-changes-alarm',
  ];
  for (const id of alarmed) {
    const metric = metricNameOf(id);
    await putMetricAlarm(logs, cloudwatch, {
      logGroupName: 'acme-cloudtrail',
      filterName: metric,
      filterPattern: cisFilterPattern(id),
      metricName: metric,
      namespace: 'AcmeSecurity',
      alarmName: `acme-${metric}`,
      alarmActions: [topic],
    });
  }

  const config = motoClient(ConfigServiceClient, url, home);
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: `arn:aws:iam::${ACME_ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  );
  await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'acme-cloudtrail-logs' } }));
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
  for (const region of ['us-east-1', 'eu-west-1']) {
    await motoClient(SecurityHubClient, url, region).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  }
}
