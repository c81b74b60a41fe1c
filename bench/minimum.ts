/**
 * The minimum number of API calls the selected rules need on the benchmark
 * account: a model written from the AWS APIs and the seeded inventory (bulk
 * reads, largest pages, each fact read once), independent of how hubcheck's
 * data layer happens to read. Each rule names the facts it needs; facts shared
 * by rules count once. The model also gives the calls per rate bucket (for the
 * wall-time lower bound) and the longest chain of dependent calls.
 *
 * Where moto pages differently from AWS the model follows moto, since the
 * benchmark account lives in moto: it returns GetAccountAuthorizationDetails in
 * one page and never reports BucketRegion in ListBuckets.
 */
import { limitFor } from '../src/data/rate-limits.js';
import type { Inventory } from './seed.js';

export interface CallPlan {
  total: number;
  byOperation: Record<string, number>;
  /** `<rate bucket key>@<region>` -> calls (see src/data/rate-limits.ts). */
  byBucket: Record<string, number>;
  /** The longest chain of calls that must happen one after another. */
  criticalPathCalls: number;
}

interface Read {
  operation: string;
  region: string;
  calls: number;
}

type Fact = (inv: Inventory, home: string) => Read[];

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const regional = (operation: string, calls: (inv: Inventory, region: string) => number = () => 1): Fact => (inv) =>
  inv.regions.map((region) => ({ operation, region, calls: calls(inv, region) }));
const once = (operation: string, calls: (inv: Inventory) => number = () => 1): Fact => (inv, home) => [{ operation, region: home, calls: calls(inv) }];
/** One call per bucket, made in the bucket's own Region. */
const perBucket = (operation: string): Fact => (inv) => inv.regions.map((region) => ({ operation, region, calls: inv.bucketsByRegion[region] ?? 0 }));
const all = (...facts: Fact[]): Fact => (inv, home) => facts.flatMap((f) => f(inv, home));

export const FACTS: Record<string, Fact> = {
  identity: once('sts:GetCallerIdentity'),
  // moto answers STARTED to the first GenerateCredentialReport and COMPLETE to the next.
  credentialReport: all(once('iam:GenerateCredentialReport', () => 2), once('iam:GetCredentialReport')),
  accountSummary: once('iam:GetAccountSummary'),
  passwordPolicy: once('iam:GetAccountPasswordPolicy'),
  // IAM.6 lists virtual MFA devices only when the root user has MFA; moto's root never has.
  authorizationDetails: once('iam:GetAccountAuthorizationDetails'),
  supportPolicyEntities: once('iam:ListEntitiesForPolicy'),
  cloudShellPolicyEntities: once('iam:ListEntitiesForPolicy'),
  serverCertificates: once('iam:ListServerCertificates'),
  alternateContact: once('account:GetAlternateContact'),
  analyzers: regional('access-analyzer:ListAnalyzers'),
  buckets: all(once('s3:ListBuckets'), once('s3:GetBucketLocation', (inv) => inv.buckets)),
  accountPublicAccessBlock: once('s3control:GetPublicAccessBlock'),
  bucketPolicy: perBucket('s3:GetBucketPolicy'),
  bucketPublicAccessBlock: perBucket('s3:GetPublicAccessBlock'),
  bucketVersioning: perBucket('s3:GetBucketVersioning'),
  bucketLifecycle: perBucket('s3:GetBucketLifecycleConfiguration'),
  bucketEncryption: perBucket('s3:GetBucketEncryption'),
  trailBucketLogging: once('s3:GetBucketLogging', (inv) => inv.trails),
  securityGroups: regional('ec2:DescribeSecurityGroups', (inv, r) => Math.ceil((inv.securityGroupsByRegion[r] ?? 0) / 1000) || 1),
  ebsDefaultEncryption: regional('ec2:GetEbsEncryptionByDefault'),
  vpcs: regional('ec2:DescribeVpcs'),
  flowLogs: regional('ec2:DescribeFlowLogs'),
  instances: regional('ec2:DescribeInstances'),
  networkAcls: regional('ec2:DescribeNetworkAcls'),
  dbInstances: regional('rds:DescribeDBInstances'),
  dbClusters: regional('rds:DescribeDBClusters'),
  fileSystems: regional('elasticfilesystem:DescribeFileSystems'),
  kmsKeys: all(
    regional('kms:ListKeys'),
    regional('kms:DescribeKey', (inv, r) => inv.kmsKeysByRegion[r] ?? 0),
    // Every seeded key is customer-managed, symmetric and AWS_KMS: all are in KMS.4's scope.
    regional('kms:GetKeyRotationStatus', (inv, r) => inv.kmsKeysByRegion[r] ?? 0),
  ),
  trails: regional('cloudtrail:DescribeTrails'),
  trailStatus: once('cloudtrail:GetTrailStatus', (inv) => inv.trails),
  eventSelectors: once('cloudtrail:GetEventSelectors', (inv) => inv.trails),
  metricFilters: once('logs:DescribeMetricFilters', (inv) => inv.trails),
  alarms: once('cloudwatch:DescribeAlarms'),
  subscriptions: once('sns:ListSubscriptionsByTopic', (inv) => inv.topics),
  // The benchmark account has no Config recorder: no status to read after the list.
  configRecorders: regional('config:DescribeConfigurationRecorders'),
  securityHub: regional('securityhub:DescribeHub'),
  macie: regional('macie2:GetMacieSession'),
};

const CREDENTIAL_REPORT = ['credentialReport'];
const TRAIL_CHAIN = ['trails', 'trailStatus', 'eventSelectors'];
const ALARM_CHAIN = [...TRAIL_CHAIN, 'metricFilters', 'alarms', 'subscriptions'];

/** The facts each rule needs. */
export const RULE_FACTS: Record<string, string[]> = {
  'account-security-contact-registered': ['alternateContact'],
  'cloudtrail-bucket-access-logging-enabled': ['trails', 'buckets', 'trailBucketLogging'],
  'cloudtrail-bucket-not-public': ['trails', 'buckets', 'bucketPolicy', 'bucketPublicAccessBlock', 'accountPublicAccessBlock'],
  'cloudtrail-multi-region-enabled': TRAIL_CHAIN,
  'cloudtrail-trail-cloudwatch-logs-enabled': ['trails'],
  'cloudtrail-trail-kms-encrypted': ['trails'],
  'cloudtrail-trail-log-validation-enabled': ['trails'],
  'config-recorder-enabled': ['configRecorders'],
  'ec2-default-sg-closed': ['securityGroups'],
  'ec2-ebs-default-encryption-enabled': ['ebsDefaultEncryption'],
  'ec2-instance-iam-role-attached': ['instances'],
  'ec2-instance-imdsv2-required': ['instances'],
  'ec2-nacl-admin-ports-restricted': ['networkAcls'],
  'ec2-sg-admin-ports-ipv4-restricted': ['securityGroups'],
  'ec2-sg-admin-ports-ipv6-restricted': ['securityGroups'],
  'ec2-sg-cifs-restricted': ['securityGroups'],
  'ec2-sg-rdp-restricted': ['securityGroups'],
  'ec2-sg-ssh-restricted': ['securityGroups'],
  'ec2-vpc-flow-logs-enabled': ['vpcs', 'flowLogs'],
  'efs-filesystem-encrypted-at-rest': ['fileSystems'],
  'efs-filesystem-kms-encrypted': ['fileSystems'],
  'iam-access-key-rotated': CREDENTIAL_REPORT,
  'iam-cloudshell-full-access-not-attached': ['cloudShellPolicyEntities', 'authorizationDetails'],
  'iam-external-access-analyzer-enabled': ['analyzers'],
  'iam-password-policy-lowercase': ['passwordPolicy'],
  'iam-password-policy-max-age': ['passwordPolicy'],
  'iam-password-policy-min-length': ['passwordPolicy'],
  'iam-password-policy-number': ['passwordPolicy'],
  'iam-password-policy-reuse-prevention': ['passwordPolicy'],
  'iam-password-policy-symbol': ['passwordPolicy'],
  'iam-password-policy-uppercase': ['passwordPolicy'],
  'iam-policy-no-full-admin': ['authorizationDetails'],
  'iam-root-access-key-absent': ['accountSummary'],
  'iam-root-hardware-mfa-enabled': ['accountSummary'],
  'iam-root-mfa-enabled': ['accountSummary'],
  'iam-server-certificate-not-expired': ['serverCertificates'],
  'iam-support-role-exists': ['supportPolicyEntities', 'authorizationDetails'],
  'iam-user-console-mfa-enabled': CREDENTIAL_REPORT,
  'iam-user-no-direct-policies': ['authorizationDetails'],
  'iam-user-no-initial-access-key': CREDENTIAL_REPORT,
  'iam-user-single-active-access-key': CREDENTIAL_REPORT,
  'iam-user-unused-credentials-45d': CREDENTIAL_REPORT,
  'iam-user-unused-credentials-90d': CREDENTIAL_REPORT,
  'kms-key-rotation-enabled': ['kmsKeys'],
  'macie-account-enabled': ['macie'],
  'rds-cluster-multi-az': ['dbClusters'],
  'rds-instance-auto-minor-version-upgrade': ['dbInstances'],
  'rds-instance-multi-az': ['dbInstances'],
  'rds-instance-not-public': ['dbInstances'],
  'rds-instance-storage-encrypted': ['dbInstances'],
  's3-account-public-access-block-enabled': ['accountPublicAccessBlock'],
  's3-bucket-default-encryption-enabled': ['buckets', 'bucketEncryption', 'bucketPolicy'],
  's3-bucket-mfa-delete-enabled': ['buckets', 'bucketLifecycle', 'bucketVersioning'],
  's3-bucket-public-access-block-enabled': ['buckets', 'bucketPublicAccessBlock'],
  's3-bucket-ssl-requests-only': ['buckets', 'bucketPolicy'],
  's3-object-read-events-logged': TRAIL_CHAIN,
  's3-object-write-events-logged': TRAIL_CHAIN,
  'securityhub-account-enabled': ['securityHub'],
};
for (const id of [
  'cloudtrail-changes', 'config-changes', 'console-auth-failures', 'console-login-no-mfa', 'iam-policy-changes', 'kms-key-disable-delete',
  'nacl-changes', 'network-gateway-changes', 'organizations-changes', 'root-usage', 'route-table-changes', 's3-bucket-policy-changes',
  'security-group-changes', 'unauthorized-api-calls', 'vpc-changes',
]) {
  RULE_FACTS[`cloudwatch-${id}-alarm`] = ALARM_CHAIN;
}

/** Chains of facts read one after another (each needs the one before); identity comes first. */
export const CHAINS: string[][] = [
  ['credentialReport'],
  ['buckets', 'bucketPolicy'],
  ['kmsKeys'],
  ALARM_CHAIN,
];

/** Calls a fact adds to the critical path: its longest dependent sequence (1 per step, 2 polls for the report). */
const CHAIN_STEPS: Record<string, number> = { credentialReport: 3, buckets: 2, kmsKeys: 3 };

export function minimumCalls(inv: Inventory, ruleIds: readonly string[], home = 'us-east-1'): CallPlan {
  const unknown = ruleIds.filter((id) => !RULE_FACTS[id]);
  if (unknown.length > 0) throw new Error(`the minimum-calls model does not know rules ${unknown.join(', ')}`);
  const facts = new Set(['identity', ...ruleIds.flatMap((id) => RULE_FACTS[id] ?? [])]);
  const byOperation: Record<string, number> = {};
  const byBucket: Record<string, number> = {};
  for (const fact of facts) {
    for (const read of FACTS[fact]?.(inv, home) ?? []) {
      if (read.calls === 0) continue;
      byOperation[read.operation] = (byOperation[read.operation] ?? 0) + read.calls;
      const bucket = `${limitFor(read.operation)?.key ?? read.operation}@${read.region}`;
      byBucket[bucket] = (byBucket[bucket] ?? 0) + read.calls;
    }
  }
  const chainLength = (chain: string[]) => (chain.every((f) => facts.has(f)) ? 1 + sum(chain.map((f) => CHAIN_STEPS[f] ?? 1)) : 1);
  return {
    total: sum(Object.values(byOperation)),
    byOperation: Object.fromEntries(Object.entries(byOperation).sort(([a], [b]) => a.localeCompare(b))),
    byBucket,
    criticalPathCalls: Math.max(1, ...CHAINS.map(chainLength)),
  };
}
