import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-multi-region-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ALL_MANAGEMENT, NO_SELECTORS, OTHER_ACCOUNT, cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
const REGIONS = { regions: ['us-east-1', 'eu-west-1'] };

describe('cloudtrail-multi-region-enabled (CloudTrail.1)', () => {
  it('passes in every Region when a multi-Region trail logs all management events, reading it in its home Region', async () => {
    const { results, source } = await run(cloudtrailFixture([trail('main', { home: 'eu-west-1' })]), REGIONS);
    expect(results.map((r) => [r.resource.id, r.resource.region, r.status])).toEqual([
      ['AWS::::Account:123456789012', 'eu-west-1', 'PASSED'],
      ['AWS::::Account:123456789012', 'us-east-1', 'PASSED'],
    ]);
    expect(results[0]?.evidence).toMatchObject({ trailArn: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/main', trailHomeRegion: 'eu-west-1' });
    expect(new Set(source.reads.filter((r) => r.id !== 'cloudtrail.trails').map((r) => r.region))).toEqual(new Set(['eu-west-1']));
  });

  it('fails where no trail qualifies, saying why for each', async () => {
    const trails = [trail('local', { multiRegion: false }), trail('stopped'), trail('writes'), trail('empty')];
    const { results } = await run(
      cloudtrailFixture(trails, {
        stopped: { logging: false },
        writes: { selectors: { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }], advancedEventSelectors: [] } },
        empty: { selectors: NO_SELECTORS },
      }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT', evidence: { trails: 4, multiRegionTrails: 3 } });
    expect(results[0]?.reason).toContain('local: it is not multi-Region');
    expect(results[0]?.reason).toContain('stopped: it is not logging');
    expect(results[0]?.reason).toContain('writes: no event selector captures all read and write management events');
    expect(results[0]?.reason).toContain('empty: it has no event selectors');
  });

  it('fails an account with no trail at all', async () => {
    const { results } = await run(cloudtrailFixture([]));
    expect(results[0]).toMatchObject({ status: 'FAILED', reason: 'No multi-Region trail logs all read and write management events (no trails).' });
  });

  it("counts advanced selectors and an organization trail of the management account", async () => {
    const org = trail('org', { account: OTHER_ACCOUNT });
    const { results } = await run(
      cloudtrailFixture([org], {
        org: { selectors: { eventSelectors: [], advancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] } },
      }),
    );
    expect(results[0]).toMatchObject({ status: 'PASSED', evidence: { trailArn: `arn:aws:cloudtrail:us-east-1:${OTHER_ACCOUNT}:trail/org` } });
  });

  it('passes on one qualifying trail even when another cannot be read', async () => {
    const { results } = await run(cloudtrailFixture([trail('a-secret'), trail('b-main')], { 'a-secret': { logging: denied('cloudtrail:GetTrailStatus') } }));
    expect(results[0]?.status).toBe('PASSED');
  });

  it('is NOT_AVAILABLE when the only candidate cannot be read, or the trails cannot be listed', async () => {
    let { results } = await run(cloudtrailFixture([trail('main')], { main: { selectors: denied('cloudtrail:GetEventSelectors') } }));
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:GetEventSelectors (AccessDenied)' });
    ({ results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') }));
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:DescribeTrails (AccessDenied)' });
  });

  it('reads each trail once across Regions', async () => {
    const { source } = await run({ ...cloudtrailFixture([trail('main')]), 'cloudtrail.eventSelectors': () => ALL_MANAGEMENT }, REGIONS);
    expect(source.reads.filter((r) => r.id === 'cloudtrail.trailStatus')).toHaveLength(1);
    expect(source.reads.filter((r) => r.id === 'cloudtrail.trails')).toHaveLength(2);
  });
});
