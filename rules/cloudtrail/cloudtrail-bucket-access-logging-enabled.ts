import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { bucketResource } from '../lib/resources.js';
import { TRAIL_BUCKET_REASON_CODES, evaluateTrailBuckets } from '../lib/trail-buckets.js';

export default defineRule({
  id: 'cloudtrail-bucket-access-logging-enabled',
  title: 'S3 bucket access logging should be enabled on the CloudTrail S3 bucket',
  securityHubControlId: 'CloudTrail.7',
  severity: 'LOW',
  cis: { '1.2.0': '2.6', '1.4.0': '3.6', '3.0.0': '3.4', '5.0.0': '3.4', '6.0.0': '4.4', '7.0.0': '4.4' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: ['cloudtrail:DescribeTrails', 's3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketLogging'],
  reasonCodes: {
    TRAIL_BUCKET_LOGGING_ENABLED: 'PASSED: the trail bucket logs server access to a target bucket.',
    TRAIL_BUCKET_LOGGING_DISABLED: 'FAILED: the trail bucket has server access logging off.',
    ...TRAIL_BUCKET_REASON_CODES,
  },
  remediation: withSteps('cloudtrail-bucket-access-logging-enabled', securityHubRemediation(
    'CloudTrail.7',
    'Turn on server access logging for the S3 bucket the trail delivers to, with a target bucket other than the trail bucket itself.',
  ), {
    change: 'Turn on server access logging for the bucket the trail delivers to (in the bucket\'s Region), into another bucket that accepts S3 log delivery.',
    cli: [
      "aws s3api put-bucket-logging --bucket {{resource}} --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"{{logBucket|json}}\",\"TargetPrefix\":\"{{resource|json}}/\"}}'",
    ],
    cloudformation: `# On the existing AWS::S3::Bucket of the trail; the other properties stay as they are.
TrailBucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: "{{resource}}"
    LoggingConfiguration:
      DestinationBucketName: "{{logBucket}}"
      LogFilePrefix: "{{resource}}/"
`,
    terraform: `resource "aws_s3_bucket_logging" "trail_bucket" {
  bucket        = "{{resource}}"
  target_bucket = "{{logBucket}}"
  target_prefix = "{{resource}}/"
}
`,
    inputs: { logBucket: { default: 'access-logs-{{account}}', means: 'The bucket that receives the access logs (not the trail bucket itself).' } },
  }),
  async evaluate(ctx) {
    return evaluateTrailBuckets(ctx, async (bucket) => {
      const resource = bucketResource(bucket.name, ctx.partition, bucket.region);
      const logging = await attempt(ctx.data.s3.bucketLogging(bucket.name));
      if (logging instanceof DataUnavailable) return unavailable(resource, logging);
      const trails = bucket.trails.map((t) => t.Name).join(', ');
      const evidence = { trails, targetBucket: logging?.TargetBucket ?? null, targetPrefix: logging?.TargetPrefix ?? null };
      return logging?.TargetBucket
        ? pass(resource, `Trail bucket ${bucket.name} logs server access to ${logging.TargetBucket}.`, { reasonCode: 'TRAIL_BUCKET_LOGGING_ENABLED', evidence })
        : fail(resource, `Trail bucket ${bucket.name} (trail ${trails}) has server access logging off.`, { reasonCode: 'TRAIL_BUCKET_LOGGING_DISABLED', evidence });
    });
  },
});
