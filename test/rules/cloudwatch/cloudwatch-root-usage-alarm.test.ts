import rule from '../../../rules/cloudwatch/cloudwatch-root-usage-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ ($.eventType != "AwsServiceEvent") && ($.userIdentity.type = Root) && ($.userIdentity.invokedBy NOT EXISTS) }',
    nearMiss: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent" && $.sourceIPAddress != "203.0.113.7"}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/1.1', 'CIS AWS Foundations Benchmark v1.2.0/3.3', 'CIS AWS Foundations Benchmark v1.4.0/1.7', 'CIS AWS Foundations Benchmark v1.4.0/4.3'],
  }),
);
