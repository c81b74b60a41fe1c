import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-security-group-changes-alarm',
  title: 'A log metric filter and alarm should exist for security group changes',
  securityHubControlId: 'CloudWatch.10',
  cis: { '1.2.0': '3.10', '1.4.0': '4.10' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  },
  remediation: withSteps('cloudwatch-security-group-changes-alarm', securityHubRemediation(
    'CloudWatch.10',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
