/**
 * How fast hubcheck lets itself call each AWS API, per account and Region:
 * under the rates AWS publishes, so a scan shares the account's API budget
 * with production instead of exhausting it. Where AWS publishes no figure the
 * value is a conservative assumption, marked so. The SDK's adaptive retry
 * handles whatever throttling remains.
 *
 * A limit applies to a whole service, or to one operation where AWS meters
 * operations separately (EC2 and KMS do).
 */

export interface RateLimit {
  /** 'operation': every operation of the service has a bucket of its own (EC2 meters each API separately). */
  per?: 'service' | 'operation';
  /** Sustained requests per second. */
  rate: number;
  /** Requests allowed at once after a quiet period. */
  burst: number;
  /** Where the figure comes from. */
  source: string;
}

/** Fraction of a published rate hubcheck allows itself. */
export const HEADROOM = 0.8;

export const PUBLISHED_LIMITS: Readonly<Record<string, RateLimit>> = {
  // EC2: token bucket per API, non-mutating actions 100 tokens, refill 20/s (EC2 API reference, "Request throttling").
  ec2: { per: 'operation', rate: 20, burst: 100, source: 'EC2 API throttling: non-mutating actions, bucket 100, refill 20/s' },
  // CloudTrail: "Get, describe, and list APIs: 10 TPS" (CloudTrail quotas).
  cloudtrail: { rate: 10, burst: 10, source: 'CloudTrail quotas: get/describe/list 10 TPS' },
  // KMS: per-operation request quotas (KMS developer guide, "Request quotas").
  'kms:ListKeys': { rate: 100, burst: 100, source: 'KMS request quotas: ListKeys 100/s' },
  'kms:DescribeKey': { rate: 2000, burst: 2000, source: 'KMS request quotas: DescribeKey 2000/s' },
  'kms:GetKeyRotationStatus': { rate: 1000, burst: 1000, source: 'KMS request quotas: GetKeyRotationStatus 1000/s' },
  // CloudWatch Logs and CloudWatch: per-API TPS quotas (service quotas pages).
  logs: { rate: 5, burst: 5, source: 'CloudWatch Logs quotas: DescribeMetricFilters 5 TPS' },
  cloudwatch: { rate: 9, burst: 9, source: 'CloudWatch quotas: DescribeAlarms 9 TPS' },
  sns: { rate: 30, burst: 30, source: 'SNS quotas: ListSubscriptionsByTopic 30 TPS' },
  sts: { rate: 600, burst: 600, source: 'STS quotas: 600 requests/s per account and Region' },
  securityhub: { rate: 10, burst: 30, source: 'Security Hub: 10/s, burst 30 (spec asff-securityhub.md 3.3)' },
  'securityhub:GetFindings': { rate: 3, burst: 6, source: 'Security Hub: GetFindings 3/s, burst 6' },
  // Not published: conservative assumptions.
  iam: { rate: 20, burst: 20, source: 'assumption: IAM publishes no read rate; 20/s is what long-running scanners observe as safe' },
  s3: { rate: 100, burst: 100, source: 'assumption: S3 publishes no bucket-configuration read rate' },
  s3control: { rate: 20, burst: 20, source: 'assumption' },
  config: { rate: 10, burst: 10, source: 'assumption: Config Describe* calls' },
  rds: { rate: 20, burst: 100, source: 'assumption: modelled on the EC2 bucket' },
  elasticfilesystem: { rate: 15, burst: 15, source: 'assumption' },
  'access-analyzer': { rate: 5, burst: 5, source: 'assumption' },
  account: { rate: 5, burst: 5, source: 'assumption' },
  macie2: { rate: 10, burst: 10, source: 'assumption' },
  organizations: { rate: 10, burst: 10, source: 'assumption' },
  // The v7.0.0 resource-policy and access-logging reads.
  sqs: { rate: 20, burst: 20, source: 'assumption: SQS publishes no control-plane read rate' },
  lambda: { rate: 15, burst: 15, source: 'Lambda quotas: control plane API requests 15/s per Region' },
  ecr: { rate: 10, burst: 10, source: 'assumption' },
  secretsmanager: { rate: 20, burst: 20, source: 'assumption' },
  cloudfront: { rate: 5, burst: 5, source: 'assumption: CloudFront control plane reads' },
  elasticloadbalancing: { rate: 10, burst: 10, source: 'assumption: ELB Describe* calls' },
  apigateway: { rate: 5, burst: 5, source: 'assumption: v1 and v2 reads share one bucket' },
};

/**
 * The bucket an operation (`kms:ListKeys`) draws from: its own limit, else its
 * service's, shared by the service's operations unless the service meters each
 * operation separately. `key` names the bucket.
 */
export function limitFor(operation: string, limits: Readonly<Record<string, RateLimit>> = PUBLISHED_LIMITS): { key: string; limit: RateLimit } | undefined {
  const own = limits[operation];
  if (own) return { key: operation, limit: own };
  const service = operation.slice(0, operation.indexOf(':'));
  const shared = limits[service];
  if (!shared) return undefined;
  return { key: shared.per === 'operation' ? operation : service, limit: shared };
}
