import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-console-auth-failures-alarm',
  title: 'A log metric filter and alarm should exist for AWS Management Console authentication failures',
  securityHubControlId: 'CloudWatch.6',
  cis: { '1.2.0': '3.6', '1.4.0': '4.6' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  remediation: withSteps('cloudwatch-console-auth-failures-alarm', securityHubRemediation(
    'CloudWatch.6',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
