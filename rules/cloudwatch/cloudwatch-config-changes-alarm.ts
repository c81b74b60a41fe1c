import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-config-changes-alarm',
  title: 'A log metric filter and alarm should exist for AWS Config configuration changes',
  securityHubControlId: 'CloudWatch.9',
  cis: { '1.2.0': '3.9', '1.4.0': '4.9' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  },
  remediation: withSteps('cloudwatch-config-changes-alarm', securityHubRemediation(
    'CloudWatch.9',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
