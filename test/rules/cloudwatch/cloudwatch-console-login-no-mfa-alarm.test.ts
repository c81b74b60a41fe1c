import rule from '../../../rules/cloudwatch/cloudwatch-console-login-no-mfa-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{($.userIdentity.type="IAMUser")&&($.responseElements.ConsoleLogin="Success")&&($.eventName=ConsoleLogin)&&($.additionalEventData.MFAUsed!=Yes)}',
    nearMiss: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "Root") && ($.responseElements.ConsoleLogin = "Success") }',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.2', 'CIS AWS Foundations Benchmark v1.4.0/4.2'],
  }),
);
