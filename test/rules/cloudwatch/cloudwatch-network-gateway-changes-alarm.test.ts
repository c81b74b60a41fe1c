import rule from '../../../rules/cloudwatch/cloudwatch-network-gateway-changes-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{\n  ($.eventName=CreateCustomerGateway)\n  || ($.eventName=DeleteCustomerGateway)\n  || ($.eventName=AttachInternetGateway)\n  || ($.eventName=CreateInternetGateway)\n  || ($.eventName=DeleteInternetGateway)\n  || ($.eventName=DetachInternetGateway)\n}',
    nearMiss: '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway)}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.12', 'CIS AWS Foundations Benchmark v1.4.0/4.12'],
  }),
);
