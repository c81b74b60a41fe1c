import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { S3_DATA_EVENT_ACTIONS, S3_DATA_EVENT_REASON_CODES, evaluateS3DataEvents, S3_DATA_EVENTS_STEPS } from '../lib/s3-data-events.js';

export default defineRule({
  id: 's3-object-write-events-logged',
  title: 'S3 general purpose buckets should log object-level write events',
  securityHubControlId: 'S3.22',
  severity: 'MEDIUM',
  cis: { '3.0.0': '3.8', '5.0.0': '3.8', '6.0.0': '4.8', '7.0.0': '4.8' },
  cisExtra: { '1.4.0': '3.10' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: S3_DATA_EVENT_ACTIONS,
  reasonCodes: S3_DATA_EVENT_REASON_CODES,
  params: { access: 'write' },
  remediation: withSteps('s3-object-write-events-logged', securityHubRemediation(
    'S3.22',
    'Add an event selector to a multi-Region trail that logs S3 object-level data events (WriteOnly or All) for all current and future buckets.',
  ), S3_DATA_EVENTS_STEPS),
  evaluate: evaluateS3DataEvents,
});
