import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-vpc-changes-alarm',
  title: 'A log metric filter and alarm should exist for VPC changes',
  securityHubControlId: 'CloudWatch.14',
  cis: { '1.2.0': '3.14', '1.4.0': '4.14' },
  params: {
    // Exactly as on the Security Hub control page (spec section 6).
    filterPattern:
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  },
  remediation: withSteps('cloudwatch-vpc-changes-alarm', securityHubRemediation(
    'CloudWatch.14',
    'On the log group of a multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
