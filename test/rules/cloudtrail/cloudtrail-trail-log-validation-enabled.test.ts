import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-trail-log-validation-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { OTHER_ACCOUNT, cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);

describe('cloudtrail-trail-log-validation-enabled (CloudTrail.4)', () => {
  it('passes trails with log file validation, fails the others, each once in its home Region', async () => {
    const trails = [trail('validated', { validation: true }), trail('unvalidated', { home: 'eu-west-1' }), trail('org', { account: OTHER_ACCOUNT })];
    const { results } = await run(cloudtrailFixture(trails), { regions: ['us-east-1', 'eu-west-1'] });
    expect(results.map((r) => [r.resource.name, r.resource.region, r.status, r.evidence?.LogFileValidationEnabled])).toEqual([
      ['unvalidated', 'eu-west-1', 'FAILED', false],
      ['validated', 'us-east-1', 'PASSED', true],
    ]);
  });

  it('gives no result where no trail is homed', async () => {
    const { results } = await run(cloudtrailFixture([trail('main', { home: 'eu-west-1' })]));
    expect(results).toEqual([]);
  });

  it('is NOT_AVAILABLE when the trails cannot be listed', async () => {
    const { results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
