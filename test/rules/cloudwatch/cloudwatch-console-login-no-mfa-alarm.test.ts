import rule from '../../../rules/cloudwatch/cloudwatch-console-login-no-mfa-alarm.js';
import { metricFilterRuleSuite } from './chain-fixture.js';

metricFilterRuleSuite(rule, {
  equivalent: '{($.userIdentity.type="IAMUser")&&($.responseElements.ConsoleLogin="Success")&&($.eventName=ConsoleLogin)&&($.additionalEventData.MFAUsed!=Yes)}',
  nearMiss: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "Root") && ($.responseElements.ConsoleLogin = "Success") }',
  requirements: ['CIS AWS Foundations Benchmark v1.2.0/3.2', 'CIS AWS Foundations Benchmark v1.4.0/4.2'],
});
