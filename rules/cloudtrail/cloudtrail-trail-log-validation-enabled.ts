import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateTrailSetting } from '../lib/trail-settings.js';

export default defineRule({
  id: 'cloudtrail-trail-log-validation-enabled',
  title: 'CloudTrail log file validation should be enabled',
  securityHubControlId: 'CloudTrail.4',
  severity: 'LOW',
  cis: { '1.2.0': '2.2', '1.4.0': '3.2', '3.0.0': '3.2', '5.0.0': '3.2', '6.0.0': '4.2', '7.0.0': '4.2' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  reasonCodes: {
    TRAIL_LOG_VALIDATION_ENABLED: 'PASSED: the trail has log file validation enabled.',
    TRAIL_LOG_VALIDATION_DISABLED: 'FAILED: the trail does not have log file validation enabled.',
  },
  remediation: withSteps('cloudtrail-trail-log-validation-enabled', securityHubRemediation('CloudTrail.4', 'Turn on log file validation for the trail (aws cloudtrail update-trail --enable-log-file-validation).'), {
    change: 'Turn on log file validation for the trail, in its home Region.',
    cli: ['aws cloudtrail update-trail --region {{region}} --name {{resource}} --enable-log-file-validation'],
    cloudformation: `# On the existing AWS::CloudTrail::Trail; the other properties stay as they are.
CloudTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: "{{resource}}"
    S3BucketName: "{{trailBucket}}"
    IsLogging: true
    EnableLogFileValidation: true
`,
    terraform: `# On the existing aws_cloudtrail; the other arguments stay as they are.
resource "aws_cloudtrail" "main" {
  name                       = "{{resource}}"
  s3_bucket_name             = "{{trailBucket}}"
  enable_log_file_validation = true
}
`,
    inputs: { trailBucket: { default: 'cloudtrail-{{account}}', means: "The trail's S3 bucket (unchanged)." } },
  }),
  evaluate: (ctx) =>
    evaluateTrailSetting(ctx, { passed: 'TRAIL_LOG_VALIDATION_ENABLED', failed: 'TRAIL_LOG_VALIDATION_DISABLED' }, (trail) => {
      const ok = trail.LogFileValidationEnabled === true;
      return {
        ok,
        reason: ok ? `Trail ${trail.Name} has log file validation enabled.` : `Trail ${trail.Name} does not have log file validation enabled.`,
        evidence: { LogFileValidationEnabled: ok },
      };
    }),
});
