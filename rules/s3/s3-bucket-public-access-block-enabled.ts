import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateBucketsInRegion, judgePublicAccessBlock, PUBLIC_ACCESS_BLOCK_REASON_CODES } from '../lib/s3.js';

export default defineRule({
  id: 's3-bucket-public-access-block-enabled',
  title: 'S3 general purpose buckets should block public access',
  securityHubControlId: 'S3.8',
  severity: 'HIGH',
  cis: { '1.4.0': '2.1.5', '3.0.0': '2.1.4', '5.0.0': '2.1.4', '6.0.0': '3.1.4', '7.0.0': '3.1.4' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketPublicAccessBlock'],
  reasonCodes: PUBLIC_ACCESS_BLOCK_REASON_CODES,
  remediation: withSteps('s3-bucket-public-access-block-enabled', securityHubRemediation(
    'S3.8',
    'Turn on all four Block Public Access settings on the bucket (S3 console, bucket Permissions tab, or aws s3api put-public-access-block).',
  ), {
    change: 'Turn on all four S3 Block Public Access settings for the bucket, in its Region.',
    cli: ['aws s3api put-public-access-block --bucket {{resource}} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true'],
    cloudformation: `# On the existing AWS::S3::Bucket; the other properties stay as they are.
Bucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: "{{resource}}"
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      IgnorePublicAcls: true
      BlockPublicPolicy: true
      RestrictPublicBuckets: true
`,
    terraform: `resource "aws_s3_bucket_public_access_block" "bucket" {
  bucket                  = "{{resource}}"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
`,
  }),
  async evaluate(ctx) {
    return evaluateBucketsInRegion(ctx, async (bucket, resource) => {
      const config = await attempt(ctx.data.s3.bucketPublicAccessBlock(bucket.name));
      if (config instanceof DataUnavailable) return unavailable(resource, config);
      return judgePublicAccessBlock(resource, config, {
        on: `All four Block Public Access settings are on for bucket ${bucket.name}.`,
        none: `Bucket ${bucket.name} has no Block Public Access configuration.`,
        off: (settings) => `Bucket ${bucket.name} has Block Public Access ${settings} off.`,
      });
    });
  },
});
