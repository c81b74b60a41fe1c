import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-kms-key-disable-delete-alarm',
  title: 'A log metric filter and alarm should exist for disabling or scheduled deletion of customer managed keys',
  securityHubControlId: 'CloudWatch.7',
  cis: { '1.2.0': '3.7', '1.4.0': '4.7' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  },
  remediation: withSteps('cloudwatch-kms-key-disable-delete-alarm', securityHubRemediation(
    'CloudWatch.7',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
