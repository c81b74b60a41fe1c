import rule from '../../../rules/cloudwatch/cloudwatch-kms-key-disable-delete-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ ($.eventSource = kms.amazonaws.com && $.eventName = DisableKey) || ($.eventSource = kms.amazonaws.com && $.eventName = ScheduleKeyDeletion) }',
    nearMiss: '{($.eventSource=kms.amazonaws.com) && ($.eventName=DisableKey)}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.7', 'CIS AWS Foundations Benchmark v1.4.0/4.7'],
  }),
);
