import { defineRule } from '../../src/engine/rule.js';
import { metricFilterAlarmRule, METRIC_FILTER_ALARM_STEPS } from '../lib/metric-filter-alarm.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  ...metricFilterAlarmRule,
  id: 'cloudwatch-organizations-changes-alarm',
  title: 'A log metric filter and alarm should exist for AWS Organizations changes',
  securityHubControlId: null,
  cis: { '1.4.0': '4.15', '3.0.0': '4.15', '5.0.0': '4.15', '6.0.0': '5.15', '7.0.0': '5.15' },
  cisStatus: { '1.4.0': 'A', '3.0.0': 'M', '5.0.0': 'M', '6.0.0': 'M', '7.0.0': 'M' },
  params: {
    // CIS v1.4.0 4.15 audit step 3, as quoted in prowler's compliance/aws/cis_1.4_aws.json
    // and mitre/aws-foundations-cis-baseline (sources in the rule's doc).
    filterPattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  },
  remediation: withSteps('cloudwatch-organizations-changes-alarm', ruleDocRemediation(
    'cloudwatch',
    'cloudwatch-organizations-changes-alarm',
    'On the log group of a multi-Region trail, create a metric filter with the CIS 4.15 pattern, an alarm on its metric, and an SNS topic with a subscription as the alarm action.',
  ), METRIC_FILTER_ALARM_STEPS),
});
