import rule from '../../../rules/cloudwatch/cloudwatch-console-auth-failures-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ ($.errorMessage = "Failed authentication") && ($.eventName = "ConsoleLogin") }',
    nearMiss: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication") && ($.userIdentity.type="Root")}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.6', 'CIS AWS Foundations Benchmark v1.4.0/4.6'],
  }),
);
