import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateTrailSetting } from '../lib/trail-settings.js';

export default defineRule({
  id: 'cloudtrail-trail-cloudwatch-logs-enabled',
  title: 'CloudTrail trails should be integrated with Amazon CloudWatch Logs',
  securityHubControlId: 'CloudTrail.5',
  severity: 'LOW',
  cis: { '1.2.0': '2.4', '1.4.0': '3.4' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  reasonCodes: {
    TRAIL_CLOUDWATCH_LOGS_ENABLED: 'PASSED: the trail delivers its events to a CloudWatch Logs log group.',
    TRAIL_CLOUDWATCH_LOGS_DISABLED: 'FAILED: the trail does not deliver to CloudWatch Logs.',
  },
  remediation: withSteps('cloudtrail-trail-cloudwatch-logs-enabled', securityHubRemediation(
    'CloudTrail.5',
    'Configure the trail to deliver its events to a CloudWatch Logs log group, with a role CloudTrail can assume to write there.',
  ), {
    change: 'Make the trail deliver its events to a CloudWatch Logs log group, through a role CloudTrail can assume that may write to that group (in the trail\'s home Region).',
    cli: [
      'aws logs create-log-group --region {{region}} --log-group-name {{logGroup}}',
      'aws cloudtrail update-trail --region {{region}} --name {{resource}} --cloud-watch-logs-log-group-arn arn:{{partition}}:logs:{{region}}:{{account}}:log-group:{{logGroup}}:* --cloud-watch-logs-role-arn {{deliveryRoleArn}}',
    ],
    cloudformation: `TrailLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: "{{logGroup}}"
    RetentionInDays: 365
# On the existing AWS::CloudTrail::Trail; the other properties stay as they are.
CloudTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: "{{resource}}"
    S3BucketName: "{{trailBucket}}"
    IsLogging: true
    CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
    CloudWatchLogsRoleArn: "{{deliveryRoleArn}}"
`,
    terraform: `resource "aws_cloudwatch_log_group" "trail" {
  name              = "{{logGroup}}"
  retention_in_days = 365
}

# On the existing aws_cloudtrail; the other arguments stay as they are.
resource "aws_cloudtrail" "main" {
  name                       = "{{resource}}"
  s3_bucket_name             = "{{trailBucket}}"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "{{deliveryRoleArn}}"
}
`,
    inputs: {
      logGroup: { default: 'aws-cloudtrail-logs', means: 'The log group the trail delivers to.' },
      deliveryRoleArn: { default: 'arn:{{partition}}:iam::{{account}}:role/cloudtrail-to-cloudwatch', means: 'A role CloudTrail assumes, allowed logs:CreateLogStream and logs:PutLogEvents on the group.' },
      trailBucket: { default: 'cloudtrail-{{account}}', means: "The trail's S3 bucket (unchanged)." },
    },
  }),
  evaluate: (ctx) =>
    evaluateTrailSetting(ctx, { passed: 'TRAIL_CLOUDWATCH_LOGS_ENABLED', failed: 'TRAIL_CLOUDWATCH_LOGS_DISABLED' }, (trail) => ({
      ok: Boolean(trail.CloudWatchLogsLogGroupArn),
      reason: trail.CloudWatchLogsLogGroupArn
        ? `Trail ${trail.Name} delivers to CloudWatch Logs log group ${trail.CloudWatchLogsLogGroupArn}.`
        : `Trail ${trail.Name} does not deliver to CloudWatch Logs.`,
      evidence: { CloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null },
    })),
});
