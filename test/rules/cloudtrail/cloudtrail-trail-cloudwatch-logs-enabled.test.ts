import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-trail-cloudwatch-logs-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);

describe('cloudtrail-trail-cloudwatch-logs-enabled (CloudTrail.5)', () => {
  it('passes a trail with a log group and fails one without', async () => {
    const { results } = await run(cloudtrailFixture([trail('logged', { logGroup: 'trail-logs' }), trail('silent', { multiRegion: false })]));
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['logged', 'PASSED'],
      ['silent', 'FAILED'],
    ]);
    expect(results[0]?.evidence).toEqual({ CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*' });
    expect(results[1]?.reason).toBe('Trail silent does not deliver to CloudWatch Logs.');
  });

  it('is NOT_AVAILABLE when the trails cannot be listed', async () => {
    const { results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
