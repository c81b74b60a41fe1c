import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { trailResource } from '../lib/resources.js';
import { ownTrailsHomedIn } from '../lib/trails.js';

export default defineRule({
  id: 'cloudtrail-trail-log-validation-enabled',
  title: 'CloudTrail log file validation should be enabled',
  securityHubControlId: 'CloudTrail.4',
  severity: 'LOW',
  cis: { '1.2.0': '2.2', '1.4.0': '3.2', '3.0.0': '3.2', '5.0.0': '3.2', '6.0.0': '4.2', '7.0.0': '4.2' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  remediation: securityHubRemediation('CloudTrail.4', 'Turn on log file validation for the trail (aws cloudtrail update-trail --enable-log-file-validation).'),
  async evaluate({ data, account, region }) {
    return ownTrailsHomedIn(await data.cloudtrail.trails(), account, region).map((trail) => {
      const evidence = { LogFileValidationEnabled: trail.LogFileValidationEnabled === true };
      return trail.LogFileValidationEnabled === true
        ? pass(trailResource(trail), `Trail ${trail.Name} has log file validation enabled.`, { evidence })
        : fail(trailResource(trail), `Trail ${trail.Name} does not have log file validation enabled.`, { evidence });
    });
  },
});
