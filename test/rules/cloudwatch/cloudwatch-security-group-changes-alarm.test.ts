import rule from '../../../rules/cloudwatch/cloudwatch-security-group-changes-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{($.eventName = "AuthorizeSecurityGroupIngress") || ($.eventName = "AuthorizeSecurityGroupEgress") || ($.eventName = "RevokeSecurityGroupIngress") || ($.eventName = "RevokeSecurityGroupEgress") || ($.eventName = "CreateSecurityGroup") || ($.eventName = "DeleteSecurityGroup")}',
  nearMiss: '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup)}',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.10', 'CIS AWS Foundations Benchmark v1.4.0/4.10'],
});
