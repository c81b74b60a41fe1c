import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateTrailSetting } from '../lib/trail-settings.js';

export default defineRule({
  id: 'cloudtrail-trail-kms-encrypted',
  title: 'CloudTrail should have encryption at-rest enabled',
  securityHubControlId: 'CloudTrail.2',
  severity: 'MEDIUM',
  cis: { '1.2.0': '2.7', '1.4.0': '3.7', '3.0.0': '3.5', '5.0.0': '3.5', '6.0.0': '4.5', '7.0.0': '4.5' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  reasonCodes: {
    TRAIL_KMS_ENCRYPTED: 'PASSED: the trail encrypts its log files with SSE-KMS.',
    TRAIL_NOT_KMS_ENCRYPTED: 'FAILED: the trail has no KMS key for its log files.',
  },
  remediation: withSteps('cloudtrail-trail-kms-encrypted', securityHubRemediation(
    'CloudTrail.2',
    'Configure the trail to encrypt its log files with SSE-KMS, using a customer managed KMS key whose policy lets CloudTrail encrypt.',
  ), {
    change: 'Make the trail encrypt its log files with SSE-KMS (in the trail\'s home Region), with a customer managed key whose policy lets CloudTrail encrypt and your readers decrypt.',
    cli: ['aws cloudtrail update-trail --region {{region}} --name {{resource}} --kms-key-id {{kmsKeyArn}}'],
    cloudformation: `# On the existing AWS::CloudTrail::Trail; the other properties stay as they are.
CloudTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: "{{resource}}"
    S3BucketName: "{{trailBucket}}"
    IsLogging: true
    KMSKeyId: "{{kmsKeyArn}}"
`,
    terraform: `# On the existing aws_cloudtrail; the other arguments stay as they are.
resource "aws_cloudtrail" "main" {
  name           = "{{resource}}"
  s3_bucket_name = "{{trailBucket}}"
  kms_key_id     = "{{kmsKeyArn}}"
}
`,
    inputs: {
      kmsKeyArn: { default: 'arn:{{partition}}:kms:{{region}}:{{account}}:alias/cloudtrail', means: 'A customer managed KMS key (or its alias) whose policy allows CloudTrail to encrypt.' },
      trailBucket: { default: 'cloudtrail-{{account}}', means: "The trail's S3 bucket (unchanged)." },
    },
  }),
  evaluate: (ctx) =>
    evaluateTrailSetting(ctx, { passed: 'TRAIL_KMS_ENCRYPTED', failed: 'TRAIL_NOT_KMS_ENCRYPTED' }, (trail) => ({
      ok: Boolean(trail.KmsKeyId),
      reason: trail.KmsKeyId
        ? `Trail ${trail.Name} encrypts its log files with KMS key ${trail.KmsKeyId}.`
        : `Trail ${trail.Name} does not encrypt its log files with SSE-KMS.`,
      evidence: { KmsKeyId: trail.KmsKeyId ?? null },
    })),
});
