import rule from '../../../rules/cloudwatch/cloudwatch-route-table-changes-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{($.eventName = "CreateRoute") || ($.eventName = "CreateRouteTable") || ($.eventName = "ReplaceRoute") || ($.eventName = "ReplaceRouteTableAssociation") || ($.eventName = "DeleteRouteTable") || ($.eventName = "DeleteRoute") || ($.eventName = "DisassociateRouteTable")}',
  nearMiss: '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute)}',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.13', 'CIS AWS Foundations Benchmark v1.4.0/4.13'],
});
