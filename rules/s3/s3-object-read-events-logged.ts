import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { S3_DATA_EVENT_ACTIONS, S3_DATA_EVENT_REASON_CODES, evaluateS3DataEvents, S3_DATA_EVENTS_STEPS } from '../lib/s3-data-events.js';

export default defineRule({
  id: 's3-object-read-events-logged',
  title: 'S3 general purpose buckets should log object-level read events',
  securityHubControlId: 'S3.23',
  severity: 'MEDIUM',
  cis: { '3.0.0': '3.9', '5.0.0': '3.9', '6.0.0': '4.9', '7.0.0': '4.9' },
  cisExtra: { '1.4.0': '3.11' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: S3_DATA_EVENT_ACTIONS,
  reasonCodes: S3_DATA_EVENT_REASON_CODES,
  params: { access: 'read' },
  remediation: withSteps('s3-object-read-events-logged', securityHubRemediation(
    'S3.23',
    'Add an event selector to a multi-Region trail that logs S3 object-level data events (ReadOnly or All) for all current and future buckets.',
  ), S3_DATA_EVENTS_STEPS),
  evaluate: evaluateS3DataEvents,
});
