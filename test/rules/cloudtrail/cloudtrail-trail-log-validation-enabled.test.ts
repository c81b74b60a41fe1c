import { expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-trail-log-validation-enabled.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';
import { trail, trailListFixture } from '../trail-fixtures.js';
import { trailSettingCases } from './trail-setting.table.js';

testRule(
  rule,
  trailSettingCases({
    on: { validation: true },
    passedCode: 'TRAIL_LOG_VALIDATION_ENABLED',
    failedCode: 'TRAIL_LOG_VALIDATION_DISABLED',
    onEvidence: { LogFileValidationEnabled: true },
    offEvidence: { LogFileValidationEnabled: false },
    offReason: (name) => `Trail ${name} does not have log file validation enabled.`,
  }),
);

const run = ruleHarness(rule);
it('gives no result in a Region where no trail is homed', async () => {
  const { results } = await run(trailListFixture([trail('main', { home: 'eu-west-1' })]));
  expect(results).toEqual([]);
});
