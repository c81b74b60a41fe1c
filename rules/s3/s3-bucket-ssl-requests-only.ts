import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateBucketsInRegion } from '../lib/s3.js';
import { findSecureTransportDeny, hasTlsVersionDeny } from '../lib/s3-policy.js';

export default defineRule({
  id: 's3-bucket-ssl-requests-only',
  title: 'S3 general purpose buckets should require requests to use SSL',
  securityHubControlId: 'S3.5',
  severity: 'MEDIUM',
  cis: { '1.4.0': '2.1.2', '3.0.0': '2.1.1', '5.0.0': '2.1.1', '6.0.0': '3.1.1', '7.0.0': '3.1.1' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketPolicy'],
  reasonCodes: {
    SECURE_TRANSPORT_DENY_PRESENT: 'The bucket policy denies every request to the bucket and its objects where aws:SecureTransport is false.',
    NO_BUCKET_POLICY: 'The bucket has no policy, so requests over HTTP are not denied.',
    UNPARSEABLE_BUCKET_POLICY: 'The bucket policy could not be parsed, so no TLS-only statement was found.',
    TLS_VERSION_DENY_ONLY: 'The policy denies old TLS versions (s3:TlsVersion) but not requests without TLS.',
    NO_SECURE_TRANSPORT_DENY: 'The policy has no statement denying requests where aws:SecureTransport is false.',
  },
  remediation: withSteps('s3-bucket-ssl-requests-only', securityHubRemediation(
    'S3.5',
    'Add a bucket policy statement that denies s3:* to every principal on the bucket and its objects when aws:SecureTransport is false.',
  ), {
    change: 'Add a statement to the bucket policy (in the bucket\'s Region) that denies every request made without TLS (aws:SecureTransport false). put-bucket-policy replaces the whole policy: merge the statement into the existing one if the bucket has a policy.',
    cli: [
      'aws s3api get-bucket-policy --bucket {{resource}} --query Policy --output text',
      "aws s3api put-bucket-policy --bucket {{resource}} --policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:{{partition}}:s3:::{{resource|json}}\",\"arn:{{partition}}:s3:::{{resource|json}}/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}'",
    ],
    cloudformation: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: "{{resource}}"
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Sid: DenyInsecureTransport
          Effect: Deny
          Principal: "*"
          Action: s3:*
          Resource:
            - "arn:{{partition}}:s3:::{{resource}}"
            - "arn:{{partition}}:s3:::{{resource}}/*"
          Condition:
            Bool:
              aws:SecureTransport: "false"
`,
    terraform: `resource "aws_s3_bucket_policy" "bucket" {
  bucket = "{{resource}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:{{partition}}:s3:::{{resource}}", "arn:{{partition}}:s3:::{{resource}}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`,
  }),
  async evaluate(ctx) {
    return evaluateBucketsInRegion(ctx, async (bucket, resource) => {
      const policy = await attempt(ctx.data.s3.bucketPolicy(bucket.name));
      if (policy instanceof DataUnavailable) return unavailable(resource, policy);
      if (policy === null) {
        return fail(resource, `Bucket ${bucket.name} has no bucket policy, so requests over HTTP are not denied.`, {
          reasonCode: 'NO_BUCKET_POLICY',
          evidence: { bucketPolicy: 'none' },
        });
      }
      if (policy.document === null) {
        return fail(resource, `The policy of bucket ${bucket.name} could not be parsed, so no TLS-only statement was found.`, {
          reasonCode: 'UNPARSEABLE_BUCKET_POLICY',
          evidence: { bucketPolicy: 'unparseable' },
        });
      }
      const deny = findSecureTransportDeny(policy.document, bucket.name, ctx.partition);
      if (deny) {
        return pass(resource, `The policy of bucket ${bucket.name} denies every request that does not use TLS.`, {
          reasonCode: 'SECURE_TRANSPORT_DENY_PRESENT',
          evidence: { statementSid: deny.Sid ?? null },
        });
      }
      if (hasTlsVersionDeny(policy.document)) {
        return fail(
          resource,
          `The policy of bucket ${bucket.name} denies old TLS versions (s3:TlsVersion) but has no statement denying requests where aws:SecureTransport is false, which is what this control requires.`,
          { reasonCode: 'TLS_VERSION_DENY_ONLY', evidence: { tlsVersionDeny: true } },
        );
      }
      return fail(resource, `The policy of bucket ${bucket.name} has no statement denying requests where aws:SecureTransport is false.`, {
        reasonCode: 'NO_SECURE_TRANSPORT_DENY',
        evidence: { tlsVersionDeny: false },
      });
    });
  },
});
