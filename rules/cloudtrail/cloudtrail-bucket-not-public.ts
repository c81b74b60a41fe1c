import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { bucketResource } from '../lib/resources.js';
import { blocked, publicAclGrants, publicPolicyStatements } from '../lib/s3-public.js';
import { TRAIL_BUCKET_REASON_CODES, evaluateTrailBuckets } from '../lib/trail-buckets.js';

export default defineRule({
  id: 'cloudtrail-bucket-not-public',
  title: 'The S3 bucket CloudTrail logs to should not be publicly accessible',
  securityHubControlId: 'CloudTrail.6',
  severity: 'CRITICAL',
  cis: { '1.2.0': '2.3', '1.4.0': '3.3' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: [
    'cloudtrail:DescribeTrails',
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketAcl',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
    's3:GetAccountPublicAccessBlock',
  ],
  reasonCodes: {
    TRAIL_BUCKET_NOT_PUBLIC: 'PASSED: no ACL grant or policy statement makes the trail bucket public, or Block Public Access neutralises them.',
    TRAIL_BUCKET_PUBLIC: 'FAILED: the trail bucket is public through its ACL or its bucket policy.',
    ...TRAIL_BUCKET_REASON_CODES,
  },
  remediation: withSteps('cloudtrail-bucket-not-public', securityHubRemediation(
    'CloudTrail.6',
    'Remove ACL grants to AllUsers and AuthenticatedUsers and policy statements that allow any principal from the trail bucket, and turn on S3 Block Public Access for it.',
  ), {
    change: 'Make the bucket the trail delivers to private (in the bucket\'s Region): turn on all four S3 Block Public Access settings for it and set its ACL to private. Review its policy for statements that allow any principal.',
    cli: [
      'aws s3api put-public-access-block --bucket {{resource}} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      'aws s3api put-bucket-acl --bucket {{resource}} --acl private',
    ],
    cloudformation: `# On the existing AWS::S3::Bucket of the trail; the other properties stay as they are.
TrailBucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: "{{resource}}"
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      IgnorePublicAcls: true
      BlockPublicPolicy: true
      RestrictPublicBuckets: true
`,
    terraform: `resource "aws_s3_bucket_public_access_block" "trail_bucket" {
  bucket                  = "{{resource}}"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
`,
  }),
  async evaluate(ctx) {
    const { data } = ctx;
    return evaluateTrailBuckets(ctx, async (bucket) => {
      const resource = bucketResource(bucket.name, ctx.partition, bucket.region);
      // Started together, checked in turn: the first unreadable one makes the bucket NOT_AVAILABLE.
      const reads = {
        acl: attempt(data.s3.bucketAcl(bucket.name)),
        policy: attempt(data.s3.bucketPolicy(bucket.name)),
        bucketBlock: attempt(data.s3.bucketPublicAccessBlock(bucket.name)),
        accountBlock: attempt(data.s3.accountPublicAccessBlock()),
      };
      const acl = await reads.acl;
      if (acl instanceof DataUnavailable) return unavailable(resource, acl);
      const policy = await reads.policy;
      if (policy instanceof DataUnavailable) return unavailable(resource, policy);
      const bucketBlock = await reads.bucketBlock;
      if (bucketBlock instanceof DataUnavailable) return unavailable(resource, bucketBlock);
      const accountBlock = await reads.accountBlock;
      if (accountBlock instanceof DataUnavailable) return unavailable(resource, accountBlock);
      const ignorePublicAcls = blocked('IgnorePublicAcls', bucketBlock, accountBlock);
      const restrictPublicBuckets = blocked('RestrictPublicBuckets', bucketBlock, accountBlock);
      const grants = publicAclGrants(acl.grants);
      const statements = publicPolicyStatements(policy?.document ?? null);
      const aclPublic = grants.length > 0 && !ignorePublicAcls;
      const policyPublic = statements.length > 0 && !restrictPublicBuckets;
      const evidence = {
        trails: bucket.trails.map((t) => t.Name).join(', '),
        publicAclGrants: grants.join(', ') || null,
        publicPolicyStatements: statements.map((s, i) => s.Sid ?? `#${i + 1}`).join(', ') || null,
        ignorePublicAcls,
        restrictPublicBuckets,
      };
      if (!aclPublic && !policyPublic) {
        const neutralised = grants.length + statements.length > 0 ? ' (its public grants are neutralised by Block Public Access)' : '';
        return pass(resource, `Trail bucket ${bucket.name} is not publicly accessible${neutralised}.`, { reasonCode: 'TRAIL_BUCKET_NOT_PUBLIC', evidence });
      }
      const paths = [
        ...(aclPublic ? [`its ACL grants ${grants.join(', ')}`] : []),
        ...(policyPublic ? [`its bucket policy allows any principal (${evidence.publicPolicyStatements})`] : []),
      ];
      return fail(resource, `Trail bucket ${bucket.name} is publicly accessible: ${paths.join(' and ')}.`, { reasonCode: 'TRAIL_BUCKET_PUBLIC', evidence });
    });
  },
});
