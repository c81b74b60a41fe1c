import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
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
  remediation: securityHubRemediation('CloudTrail.4', 'Turn on log file validation for the trail (aws cloudtrail update-trail --enable-log-file-validation).'),
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
