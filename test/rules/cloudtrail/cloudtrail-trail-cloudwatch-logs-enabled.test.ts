import rule from '../../../rules/cloudtrail/cloudtrail-trail-cloudwatch-logs-enabled.js';
import { testRule } from '../../helpers/rule-tester.js';
import { trailSettingCases } from './trail-setting.table.js';

testRule(
  rule,
  trailSettingCases({
    on: { logGroup: 'trail-logs' },
    passedCode: 'TRAIL_CLOUDWATCH_LOGS_ENABLED',
    failedCode: 'TRAIL_CLOUDWATCH_LOGS_DISABLED',
    onEvidence: { CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*' },
    offEvidence: { CloudWatchLogsLogGroupArn: null },
    offReason: (name) => `Trail ${name} does not deliver to CloudWatch Logs.`,
  }),
);
