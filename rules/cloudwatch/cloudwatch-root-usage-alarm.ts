import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-root-usage-alarm',
  title: 'A log metric filter and alarm should exist for usage of the "root" user',
  securityHubControlId: 'CloudWatch.1',
  cis: { '1.2.0': ['1.1', '3.3'], '1.4.0': ['1.7', '4.3'] },
  cisExtra: { '3.0.0': '1.7' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  remediation: withSteps('cloudwatch-root-usage-alarm', securityHubRemediation(
    'CloudWatch.1',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
