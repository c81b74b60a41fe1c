import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { trailResource } from '../lib/resources.js';
import { ownTrailsHomedIn } from '../lib/trails.js';

export default defineRule({
  id: 'cloudtrail-trail-cloudwatch-logs-enabled',
  title: 'CloudTrail trails should be integrated with Amazon CloudWatch Logs',
  securityHubControlId: 'CloudTrail.5',
  severity: 'LOW',
  cis: { '1.2.0': '2.4', '1.4.0': '3.4' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  remediation: securityHubRemediation(
    'CloudTrail.5',
    'Configure the trail to deliver its events to a CloudWatch Logs log group, with a role CloudTrail can assume to write there.',
  ),
  async evaluate({ data, account, region }) {
    return ownTrailsHomedIn(await data.cloudtrail.trails(), account, region).map((trail) => {
      const evidence = { CloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null };
      return trail.CloudWatchLogsLogGroupArn
        ? pass(trailResource(trail), `Trail ${trail.Name} delivers to CloudWatch Logs log group ${trail.CloudWatchLogsLogGroupArn}.`, { evidence })
        : fail(trailResource(trail), `Trail ${trail.Name} does not deliver to CloudWatch Logs.`, { evidence });
    });
  },
});
