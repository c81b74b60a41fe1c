import rule from '../../../rules/cloudwatch/cloudwatch-cloudtrail-changes-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{ $.eventName = StopLogging || $.eventName = StartLogging || $.eventName = DeleteTrail || $.eventName = UpdateTrail || $.eventName = CreateTrail }',
  nearMiss: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging)}',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.5', 'CIS AWS Foundations Benchmark v1.4.0/4.5'],
});
