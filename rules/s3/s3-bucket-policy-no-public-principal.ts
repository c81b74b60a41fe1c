import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, pass, unavailable } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES, judgeResourcePolicy } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { evaluateBucketsInRegion } from '../lib/s3.js';

export default defineRule({
  id: 's3-bucket-policy-no-public-principal',
  title: 'S3 bucket policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketPolicy'],
  reasonCodes: {
    ...PUBLIC_PRINCIPAL_REASON_CODES,
    NO_BUCKET_POLICY: 'The bucket has no bucket policy, so the policy grants nothing to anyone.',
  },
  remediation: withSteps('s3-bucket-policy-no-public-principal', ruleDocRemediation(
    's3',
    's3-bucket-policy-no-public-principal',
    'Replace "Principal": "*" in the bucket policy with the accounts or roles that need access, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce (aws s3api put-bucket-policy).',
  ), {
    change: 'Give the bucket (in its Region) a policy whose statements name their principals instead of "Principal": "*", or restrict "*" with a condition (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceAccount). The example keeps a copy of the old policy and grants read to the account only: write in the statements you need.',
    cli: [
      'aws s3api get-bucket-policy --bucket {{resource}} --query Policy --output text',
      "aws s3api put-bucket-policy --bucket {{resource}} --policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountReads\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:{{partition}}:iam::{{account}}:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:{{partition}}:s3:::{{resource|json}}/*\"}]}'",
    ],
    cloudformation: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: "{{resource}}"
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Sid: AccountReads
          Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action: s3:GetObject
          Resource: "arn:{{partition}}:s3:::{{resource}}/*"
`,
    terraform: `resource "aws_s3_bucket_policy" "bucket" {
  bucket = "{{resource}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountReads"
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:{{partition}}:s3:::{{resource}}/*"
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
        return pass(resource, `Bucket ${bucket.name} has no bucket policy.`, { reasonCode: 'NO_BUCKET_POLICY', evidence: { bucketPolicy: 'none' } });
      }
      return judgeResourcePolicy(resource, `bucket ${bucket.name}`, policy.document);
    });
  },
});
