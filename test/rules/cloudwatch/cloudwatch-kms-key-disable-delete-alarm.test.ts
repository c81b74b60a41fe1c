import rule from '../../../rules/cloudwatch/cloudwatch-kms-key-disable-delete-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{ ($.eventSource = kms.amazonaws.com && $.eventName = DisableKey) || ($.eventSource = kms.amazonaws.com && $.eventName = ScheduleKeyDeletion) }',
  nearMiss: '{($.eventSource=kms.amazonaws.com) && ($.eventName=DisableKey)}',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.7', 'CIS AWS Foundations Benchmark v1.4.0/4.7'],
});
