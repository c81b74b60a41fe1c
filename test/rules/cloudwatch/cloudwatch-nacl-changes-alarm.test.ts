import rule from '../../../rules/cloudwatch/cloudwatch-nacl-changes-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{ ($.eventName=ReplaceNetworkAclAssociation) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=CreateNetworkAcl) }',
  nearMiss: '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry)}',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.11', 'CIS AWS Foundations Benchmark v1.4.0/4.11'],
});
