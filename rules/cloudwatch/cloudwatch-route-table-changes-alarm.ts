import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-route-table-changes-alarm',
  title: 'A log metric filter and alarm should exist for route table changes',
  securityHubControlId: 'CloudWatch.13',
  cis: { '1.2.0': '3.13', '1.4.0': '4.13' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  },
  remediation: withSteps('cloudwatch-route-table-changes-alarm', securityHubRemediation(
    'CloudWatch.13',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
