import rule from '../../../rules/cloudwatch/cloudwatch-unauthorized-api-calls-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ $.errorCode = "AccessDenied*" || $.errorCode = "*UnauthorizedOperation" }',
    nearMiss: '{ ($.errorCode = "*UnauthorizedOperation") }',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.1', 'CIS AWS Foundations Benchmark v1.4.0/4.1'],
  }),
);
