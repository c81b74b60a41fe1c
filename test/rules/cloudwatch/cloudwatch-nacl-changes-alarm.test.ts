import rule from '../../../rules/cloudwatch/cloudwatch-nacl-changes-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ ($.eventName=ReplaceNetworkAclAssociation) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=CreateNetworkAcl) }',
    nearMiss: '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry)}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.11', 'CIS AWS Foundations Benchmark v1.4.0/4.11'],
  }),
);
