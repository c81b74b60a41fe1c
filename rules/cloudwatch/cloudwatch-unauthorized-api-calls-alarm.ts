import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-unauthorized-api-calls-alarm',
  title: 'A log metric filter and alarm should exist for unauthorized API calls',
  securityHubControlId: 'CloudWatch.2',
  cis: { '1.2.0': '3.1' },
  cisExtra: { '1.4.0': '4.1', '5.0.0': '4.1', '6.0.0': '5.1', '7.0.0': '5.1' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  },
  remediation: withSteps('cloudwatch-unauthorized-api-calls-alarm', securityHubRemediation(
    'CloudWatch.2',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
