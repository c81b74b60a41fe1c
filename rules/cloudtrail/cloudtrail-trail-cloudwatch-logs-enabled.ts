import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
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
  remediation: securityHubRemediation(
    'CloudTrail.5',
    'Configure the trail to deliver its events to a CloudWatch Logs log group, with a role CloudTrail can assume to write there.',
  ),
  evaluate: (ctx) =>
    evaluateTrailSetting(ctx, { passed: 'TRAIL_CLOUDWATCH_LOGS_ENABLED', failed: 'TRAIL_CLOUDWATCH_LOGS_DISABLED' }, (trail) => ({
      ok: Boolean(trail.CloudWatchLogsLogGroupArn),
      reason: trail.CloudWatchLogsLogGroupArn
        ? `Trail ${trail.Name} delivers to CloudWatch Logs log group ${trail.CloudWatchLogsLogGroupArn}.`
        : `Trail ${trail.Name} does not deliver to CloudWatch Logs.`,
      evidence: { CloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null },
    })),
});
