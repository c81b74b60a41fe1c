import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-console-login-no-mfa-alarm',
  title: 'A log metric filter and alarm should exist for Management Console sign-in without MFA',
  securityHubControlId: 'CloudWatch.3',
  cis: { '1.2.0': '3.2' },
  cisExtra: { '1.4.0': '4.2' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  remediation: withSteps('cloudwatch-console-login-no-mfa-alarm', securityHubRemediation(
    'CloudWatch.3',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
