import rule from '../../../rules/cloudwatch/cloudwatch-cloudtrail-changes-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ $.eventName = StopLogging || $.eventName = StartLogging || $.eventName = DeleteTrail || $.eventName = UpdateTrail || $.eventName = CreateTrail }',
    nearMiss: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging)}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.5', 'CIS AWS Foundations Benchmark v1.4.0/4.5'],
  }),
);
