import { expect } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-multi-region-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, NO_SELECTORS, OTHER_ACCOUNT, cloudtrailFixture, trail, trailListFixture } from '../trail-fixtures.js';

const REGIONS = { regions: ['us-east-1', 'eu-west-1'] };
const RESOURCE = `AWS::::Account:${ACCOUNT}`;

testRule(rule, {
  passed: [
    {
      name: 'a multi-Region trail logging all management events passes in every Region, read once, in its home Region',
      fixture: cloudtrailFixture([trail('main', { home: 'eu-west-1' })]),
      options: REGIONS,
      results: [
        { resource: RESOURCE, region: 'eu-west-1', reasonCode: 'MULTI_REGION_TRAIL_PRESENT', evidence: { trailArn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/main`, trailHomeRegion: 'eu-west-1' } },
        { resource: RESOURCE, region: 'us-east-1', reasonCode: 'MULTI_REGION_TRAIL_PRESENT' },
      ],
      check: ({ source }) => {
        expect(new Set(source.reads.filter((r) => r.id !== 'cloudtrail.trails').map((r) => r.region))).toEqual(new Set(['eu-west-1']));
        expect(source.reads.filter((r) => r.id === 'cloudtrail.trailStatus')).toHaveLength(1);
        expect(source.reads.filter((r) => r.id === 'cloudtrail.trails')).toHaveLength(2);
      },
    },
    {
      name: 'advanced selectors, on an organization trail of the management account',
      fixture: cloudtrailFixture([trail('org', { account: OTHER_ACCOUNT })], {
        org: { selectors: { eventSelectors: [], advancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] } },
      }),
      results: { resource: RESOURCE, reasonCode: 'MULTI_REGION_TRAIL_PRESENT', evidence: { trailArn: `arn:aws:cloudtrail:us-east-1:${OTHER_ACCOUNT}:trail/org` } },
    },
    {
      name: 'one qualifying trail, while another cannot be read',
      fixture: cloudtrailFixture([trail('a-secret'), trail('b-main')], { 'a-secret': { logging: denied('cloudtrail:GetTrailStatus') } }),
      results: { resource: RESOURCE, reasonCode: 'MULTI_REGION_TRAIL_PRESENT' },
    },
  ],
  failed: [
    {
      name: 'no trail qualifies, saying why for each',
      fixture: cloudtrailFixture([trail('local', { multiRegion: false }), trail('stopped'), trail('writes'), trail('empty')], {
        stopped: { logging: false },
        writes: { selectors: { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }], advancedEventSelectors: [] } },
        empty: { selectors: NO_SELECTORS },
      }),
      results: { resource: RESOURCE, reasonCode: 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT', evidence: { trails: 4, multiRegionTrails: 3 } },
      check: ({ results }) => {
        expect(results[0]?.reason).toContain('local: it is not multi-Region');
        expect(results[0]?.reason).toContain('stopped: it is not logging');
        expect(results[0]?.reason).toContain('writes: no event selector captures all read and write management events');
        expect(results[0]?.reason).toContain('empty: it has no event selectors');
      },
    },
    {
      name: 'no trail at all',
      fixture: trailListFixture([]),
      results: { resource: RESOURCE, reasonCode: 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT', reason: 'No multi-Region trail logs all read and write management events (no trails).' },
    },
  ],
  notAvailable: [
    {
      name: 'the only candidate trail cannot be read',
      fixture: cloudtrailFixture([trail('main')], { main: { selectors: denied('cloudtrail:GetEventSelectors') } }),
      results: { resource: RESOURCE, reasonCode: 'ACCESS_DENIED', action: 'cloudtrail:GetEventSelectors', reason: 'Missing permission cloudtrail:GetEventSelectors (AccessDenied)' },
    },
    {
      name: 'the trails cannot be listed',
      fixture: { 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') },
      results: { resource: RESOURCE, reasonCode: 'ACCESS_DENIED', action: 'cloudtrail:DescribeTrails', reason: 'Missing permission cloudtrail:DescribeTrails (AccessDenied)' },
    },
  ],
});
