import rule from '../../../rules/cloudwatch/cloudwatch-console-auth-failures-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{ ($.errorMessage = "Failed authentication") && ($.eventName = "ConsoleLogin") }',
  nearMiss: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication") && ($.userIdentity.type="Root")}',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.6', 'CIS AWS Foundations Benchmark v1.4.0/4.6'],
});
