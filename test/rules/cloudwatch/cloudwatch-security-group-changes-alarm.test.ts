import rule from '../../../rules/cloudwatch/cloudwatch-security-group-changes-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{($.eventName = "AuthorizeSecurityGroupIngress") || ($.eventName = "AuthorizeSecurityGroupEgress") || ($.eventName = "RevokeSecurityGroupIngress") || ($.eventName = "RevokeSecurityGroupEgress") || ($.eventName = "CreateSecurityGroup") || ($.eventName = "DeleteSecurityGroup")}',
    nearMiss: '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup)}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.10', 'CIS AWS Foundations Benchmark v1.4.0/4.10'],
  }),
);
