import rule from '../../../rules/cloudwatch/cloudwatch-vpc-changes-alarm.js';
import { testRule } from '../../helpers/rule-tester.js';
import { metricFilterCases } from './metric-filter.table.js';

testRule(
  rule,
  metricFilterCases(rule, {
    equivalent: '{ ($.eventName=EnableVpcClassicLink) || ($.eventName=DisableVpcClassicLink) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=ModifyVpcAttribute) || ($.eventName=DeleteVpc) || ($.eventName=CreateVpc) }',
    nearMiss: '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink)}',
    requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.14', 'CIS AWS Foundations Benchmark v1.4.0/4.14'],
  }),
);
