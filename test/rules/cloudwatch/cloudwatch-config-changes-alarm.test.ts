import rule from '../../../rules/cloudwatch/cloudwatch-config-changes-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ (($.eventName=PutConfigurationRecorder) || ($.eventName=PutDeliveryChannel) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=StopConfigurationRecorder)) && ($.eventSource=config.amazonaws.com) }',
    nearMiss: '{($.eventSource=ec2.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.9', 'CIS AWS Foundations Benchmark v1.4.0/4.9'],
  }),
);
