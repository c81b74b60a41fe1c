import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-object-read-events-logged.js';
import type { TrailEventSelectors } from '../../../src/data/cloudtrail.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
const advanced = (readOnly?: 'true' | 'false'): TrailEventSelectors => ({
  eventSelectors: [],
  advancedEventSelectors: [
    {
      Name: 'S3 data events',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        ...(readOnly ? [{ Field: 'readOnly', Equals: [readOnly] }] : []),
      ],
    },
  ],
});

describe('s3-object-read-events-logged (S3.23)', () => {
  it('passes on advanced selectors for read events, or for all events', async () => {
    for (const selectors of [advanced('true'), advanced()]) {
      const { results } = await run(cloudtrailFixture([trail('data')], { data: { selectors } }));
      expect(results[0]?.status).toBe('PASSED');
    }
  });

  it('fails on write-only data events', async () => {
    const { results } = await run(cloudtrailFixture([trail('data')], { data: { selectors: advanced('false') } }));
    expect(results[0]).toMatchObject({ status: 'FAILED' });
    expect(results[0]?.reason).toBe(
      'No multi-Region, logging trail records S3 object-level read events for all buckets (data: no event selector logs S3 object-level read events for all buckets).',
    );
  });

  it('is NOT_AVAILABLE when the trails cannot be listed or their selectors read', async () => {
    let { results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
    ({ results } = await run(cloudtrailFixture([trail('data')], { data: { selectors: denied('cloudtrail:GetEventSelectors') } })));
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:GetEventSelectors (AccessDenied)' });
  });
});
