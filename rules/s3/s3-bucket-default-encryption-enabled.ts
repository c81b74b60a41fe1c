import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { evaluateBucketsInRegion } from '../lib/s3.js';
import { findUnencryptedPutDeny } from '../lib/s3-policy.js';

/**
 * The retired Security Hub control S3.4, kept as the CIS-only check for CIS
 * v1.4.0 2.1.1. It has no Security Hub control id: S3.4 is in no standard any more.
 */
export default defineRule({
  id: 's3-bucket-default-encryption-enabled',
  title: 'S3 buckets should have server-side encryption enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: {},
  cisExtra: { '1.4.0': '2.1.1' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetEncryptionConfiguration', 's3:GetBucketPolicy'],
  reasonCodes: {
    DEFAULT_ENCRYPTION_ENABLED: 'The bucket has a default server-side encryption.',
    UNENCRYPTED_UPLOADS_DENIED: 'The bucket has no default encryption, but its policy denies uploads without server-side encryption.',
    NO_DEFAULT_ENCRYPTION: 'The bucket has no default encryption and its policy does not deny unencrypted uploads.',
  },
  remediation: withSteps('s3-bucket-default-encryption-enabled', ruleDocRemediation(
    's3',
    's3-bucket-default-encryption-enabled',
    'Set a default encryption (SSE-S3 or SSE-KMS) on the bucket (aws s3api put-bucket-encryption), or deny uploads without server-side encryption in its bucket policy.',
  ), {
    change: 'Set default encryption on the bucket (in its Region): SSE-KMS with a key you choose, or at least SSE-S3.',
    cli: ["aws s3api put-bucket-encryption --bucket {{resource}} --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"},\"BucketKeyEnabled\":true}]}'"],
    cloudformation: `# On the existing AWS::S3::Bucket; the other properties stay as they are.
Bucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: "{{resource}}"
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms
          BucketKeyEnabled: true
`,
    terraform: `resource "aws_s3_bucket_server_side_encryption_configuration" "bucket" {
  bucket = "{{resource}}"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}
`,
  }),
  async evaluate(ctx) {
    return evaluateBucketsInRegion(ctx, async (bucket, resource) => {
      const encryption = await attempt(ctx.data.s3.bucketEncryption(bucket.name));
      if (encryption instanceof DataUnavailable) return unavailable(resource, encryption);
      const algorithms = (encryption ?? [])
        .map((rule) => rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm)
        .filter((a): a is NonNullable<typeof a> => Boolean(a));
      if (algorithms.length > 0) {
        return pass(resource, `Bucket ${bucket.name} has default encryption (${algorithms.join(', ')}).`, {
          reasonCode: 'DEFAULT_ENCRYPTION_ENABLED',
          evidence: { defaultEncryption: algorithms.join(', ') },
        });
      }
      const policy = await attempt(ctx.data.s3.bucketPolicy(bucket.name));
      if (policy instanceof DataUnavailable) return unavailable(resource, policy);
      const deny = policy?.document ? findUnencryptedPutDeny(policy.document, bucket.name, ctx.partition) : undefined;
      if (deny) {
        return pass(resource, `Bucket ${bucket.name} has no default encryption, but its policy denies uploads without server-side encryption.`, {
          reasonCode: 'UNENCRYPTED_UPLOADS_DENIED',
          evidence: { defaultEncryption: null, statementSid: deny.Sid ?? null },
        });
      }
      return fail(resource, `Bucket ${bucket.name} has no default encryption and its policy does not deny unencrypted uploads.`, {
        reasonCode: 'NO_DEFAULT_ENCRYPTION',
        evidence: { defaultEncryption: null, bucketPolicy: policy === null ? 'none' : 'present' },
      });
    });
  },
});
