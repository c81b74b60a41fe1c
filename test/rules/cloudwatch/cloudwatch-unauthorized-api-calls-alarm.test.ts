import rule from '../../../rules/cloudwatch/cloudwatch-unauthorized-api-calls-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{ $.errorCode = "AccessDenied*" || $.errorCode = "*UnauthorizedOperation" }',
  nearMiss: '{ ($.errorCode = "*UnauthorizedOperation") }',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.1', 'CIS AWS Foundations Benchmark v1.4.0/4.1'],
});
