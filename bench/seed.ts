/**
 * A large synthetic account for the benchmark, built in moto with the SDK.
 * `scale` multiplies every resource count (the default scale gives what the
 * issue asks for: 2,000 users with key and MFA mixes, 500 buckets with
 * policies, 4 Regions x 100 security groups, 50 KMS keys, a trail with metric
 * filters and alarms). The returned inventory is what the minimum-calls model
 * reasons over.
 */
import pLimit from 'p-limit';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeVpcsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { motoClient } from '../src/dev/moto-server.js';
import { cisFilterPattern, metricNameOf, putMetricAlarm } from '../src/dev/seed-metric-alarm.js';

export const BENCH_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];
export const BENCH_ACCOUNT = '123456789012';

/** How many of each resource one synthetic account holds. */
export interface Shape {
  users: number;
  groups: number;
  roles: number;
  customerPolicies: number;
  buckets: number;
  securityGroupsPerRegion: number;
  kmsKeys: number;
}

/** The single large account of `--scale N`: every count multiplied by N. */
export function scaledShape(scale: number): Shape {
  const n = (base: number) => Math.max(1, Math.round(base * scale));
  return { users: n(2000), groups: n(20), roles: n(50), customerPolicies: n(20), buckets: n(500), securityGroupsPerRegion: n(100), kmsKeys: n(50) };
}

/** One account of the organization bench (issue 16): small, as most member accounts are. */
export const ORG_ACCOUNT_SHAPE: Shape = { users: 50, groups: 5, roles: 5, customerPolicies: 5, buckets: 20, securityGroupsPerRegion: 10, kmsKeys: 4 };

export interface Inventory {
  /** The --scale the account was built with, when it was. */
  scale?: number;
  regions: string[];
  users: number;
  usersWithMfa: number;
  groups: number;
  roles: number;
  customerPolicies: number;
  buckets: number;
  bucketsByRegion: Record<string, number>;
  securityGroupsByRegion: Record<string, number>;
  kmsKeysByRegion: Record<string, number>;
  trails: number;
  metricFilters: number;
  alarms: number;
  topics: number;
}

/** The CIS monitoring controls whose metric filters and alarms the seeded account has (patterns from the rules). */
export const MONITORED_RULES = [
  'cloudwatch-root-usage-alarm',
  'cloudwatch-unauthorized-api-calls-alarm',
  'cloudwatch-iam-policy-changes-alarm',
  'cloudwatch-cloudtrail-changes-alarm',
  'cloudwatch-security-group-changes-alarm',
] as const;

const HOME = 'us-east-1';

/** What an account of this shape holds, as the minimum-calls model counts it (seeded in moto or served by the fake). */
export function inventoryOf(shape: Shape, regions: readonly string[] = BENCH_REGIONS, scale?: number): Inventory {
  const perRegion = (count: number) => {
    const out: Record<string, number> = Object.fromEntries(regions.map((r) => [r, 0]));
    for (let i = 0; i < count; i++) out[regions[i % regions.length] ?? HOME] = (out[regions[i % regions.length] ?? HOME] ?? 0) + 1;
    return out;
  };
  const bucketsByRegion = perRegion(shape.buckets);
  bucketsByRegion[HOME] = (bucketsByRegion[HOME] ?? 0) + 1; // the trail's bucket
  return {
    ...(scale === undefined ? {} : { scale }),
    regions: [...regions],
    users: shape.users,
    usersWithMfa: Math.ceil(shape.users / 4),
    groups: shape.groups,
    roles: shape.roles,
    customerPolicies: shape.customerPolicies,
    buckets: shape.buckets + 1,
    bucketsByRegion,
    securityGroupsByRegion: Object.fromEntries(regions.map((r) => [r, shape.securityGroupsPerRegion + 1])), // + the default group
    kmsKeysByRegion: perRegion(shape.kmsKeys),
    trails: 1,
    metricFilters: MONITORED_RULES.length,
    alarms: MONITORED_RULES.length,
    topics: 1,
  };
}

export async function seedLargeAccount(url: string, scaleOrShape: number | Shape = 1, log: (line: string) => void = () => undefined): Promise<Inventory> {
  const limit = pLimit(16);
  const all = <T>(count: number, task: (i: number) => Promise<T>) => Promise.all(Array.from({ length: count }, (_, i) => limit(() => task(i))));
  const shape = typeof scaleOrShape === 'number' ? scaledShape(scaleOrShape) : scaleOrShape;
  const scale = typeof scaleOrShape === 'number' ? scaleOrShape : undefined;
  const iam = motoClient(IAMClient, url, HOME);

  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, PasswordReusePrevention: 24 }));
  const groups = shape.groups;
  await all(groups, (g) => iam.send(new CreateGroupCommand({ GroupName: `team-${g}` })));
  const customerPolicies = shape.customerPolicies;
  const policyArns = await all(customerPolicies, async (p) => {
    const admin = p % 10 === 0;
    const out = await iam.send(
      new CreatePolicyCommand({
        PolicyName: `policy-${p}`,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: admin ? '*' : ['s3:GetObject', 'dynamodb:Query'], Resource: '*' }],
        }),
      }),
    );
    return out.Policy?.Arn ?? '';
  });

  const users = shape.users;
  log(`seeding ${users} IAM users`);
  await all(users, async (i) => {
    const name = `user-${String(i).padStart(5, '0')}`;
    await iam.send(new CreateUserCommand({ UserName: name, Tags: [{ Key: 'team', Value: `team-${i % groups}` }] }));
    if (i % 3 !== 0) await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Bench-Password-2026!' }));
    if (i % 4 === 0) {
      const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${name}-mfa` }));
      await iam.send(
        new EnableMFADeviceCommand({ UserName: name, SerialNumber: device.VirtualMFADevice?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }),
      );
    }
    const keys = i % 5 === 0 ? 2 : i % 5 < 3 ? 1 : 0;
    for (let k = 0; k < keys; k++) await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    if (i % 2 === 0) await iam.send(new AddUserToGroupCommand({ UserName: name, GroupName: `team-${i % groups}` }));
    if (i % 10 === 0) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: policyArns[i % customerPolicies] }));
    if (i % 25 === 0) {
      await iam.send(
        new PutUserPolicyCommand({
          UserName: name,
          PolicyName: 'inline',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] }),
        }),
      );
    }
  });
  const roles = shape.roles;
  await all(roles, async (r) => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: `role-${r}`,
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }),
    );
    if (r === 0) await iam.send(new AttachRolePolicyCommand({ RoleName: 'role-0', PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }));
  });

  const buckets = shape.buckets;
  log(`seeding ${buckets} buckets`);
  await all(buckets, async (b) => {
    const region = BENCH_REGIONS[b % BENCH_REGIONS.length] ?? HOME;
    const name = `bench-bucket-${String(b).padStart(5, '0')}`;
    const s3 = motoClient(S3Client, url, region);
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    if (b % 2 === 0) {
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket: name,
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Sid: 'TLSOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
            ],
          }),
        }),
      );
    }
    if (b % 3 === 0) {
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: name,
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        }),
      );
    }
    if (b % 4 === 0) await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  });

  const groupsPerRegion = shape.securityGroupsPerRegion;
  const keys = shape.kmsKeys;
  log(`seeding ${groupsPerRegion} security groups in each of ${BENCH_REGIONS.length} Regions, ${keys} KMS keys`);
  for (const [r, region] of BENCH_REGIONS.entries()) {
    const ec2 = motoClient(EC2Client, url, region);
    if (r % 2 === 0) await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    await all(groupsPerRegion, async (g) => {
      const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `sg-${g}`, Description: `bench group ${g}`, VpcId: vpc }));
      const open = g % 10 === 0 ? [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] : [];
      const internal = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }];
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [...open, ...internal] }));
    });
    const kms = motoClient(KMSClient, url, region);
    const here = Array.from({ length: keys }, (_, k) => k).filter((k) => k % BENCH_REGIONS.length === r);
    await all(here.length, async (k) => {
      const key = await kms.send(new CreateKeyCommand({ Description: `bench key ${here[k]}` }));
      if ((here[k] ?? 0) % 2 === 0) await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }));
    });
  }

  log('seeding the trail, metric filters and alarms');
  const trailBucket = 'bench-cloudtrail-logs';
  await motoClient(S3Client, url, HOME).send(new CreateBucketCommand({ Bucket: trailBucket }));
  const logs = motoClient(CloudWatchLogsClient, url, HOME);
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'cloudtrail' }));
  const logGroupArn = `arn:aws:logs:${HOME}:${BENCH_ACCOUNT}:log-group:cloudtrail:*`;
  const trail = motoClient(CloudTrailClient, url, HOME);
  await trail.send(
    new CreateTrailCommand({
      Name: 'org-trail',
      S3BucketName: trailBucket,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: logGroupArn,
      CloudWatchLogsRoleArn: `arn:aws:iam::${BENCH_ACCOUNT}:role/role-1`,
    }),
  );
  await trail.send(new PutEventSelectorsCommand({ TrailName: 'org-trail', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
  await trail.send(new StartLoggingCommand({ Name: 'org-trail' }));
  const sns = motoClient(SNSClient, url, HOME);
  const topic = (await sns.send(new CreateTopicCommand({ Name: 'security-alerts' }))).TopicArn;
  await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'email', Endpoint: 'secops@example.com' }));
  const cw = motoClient(CloudWatchClient, url, HOME);
  for (const id of MONITORED_RULES) {
    const name = metricNameOf(id);
    await putMetricAlarm(logs, cw, {
      logGroupName: 'cloudtrail',
      filterName: name,
      filterPattern: cisFilterPattern(id),
      metricName: name,
      namespace: 'CISBenchmark',
      alarmName: `cis-${name}`,
      alarmActions: [topic ?? ''],
    });
  }


  return inventoryOf(shape, BENCH_REGIONS, scale);
}
