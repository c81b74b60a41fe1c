import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-object-write-events-logged.js';
import type { TrailEventSelectors } from '../../../src/data/cloudtrail.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
const s3Selector = (ReadWriteType: 'All' | 'WriteOnly' | 'ReadOnly', value = 'arn:aws:s3'): TrailEventSelectors => ({
  eventSelectors: [{ ReadWriteType, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [value] }] }],
  advancedEventSelectors: [],
});

describe('s3-object-write-events-logged (S3.22)', () => {
  it('passes in every Region when a multi-Region trail logs write data events for all buckets', async () => {
    const { results, findings } = await run(cloudtrailFixture([trail('data', { home: 'eu-west-1' })], { data: { selectors: s3Selector('WriteOnly') } }), {
      regions: ['us-east-1', 'eu-west-1'],
      benchmarks: ['1.4.0', '5.0.0'],
    });
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([
      ['eu-west-1', 'PASSED'],
      ['us-east-1', 'PASSED'],
    ]);
    expect(results[0]?.reason).toBe('Multi-Region trail data logs S3 object-level write events for all buckets.');
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/3.10', 'CIS AWS Foundations Benchmark v5.0.0/3.8']);
  });

  it('fails read-only data events, one bucket only, a single-Region trail, or a stopped one', async () => {
    const trails = [trail('reads'), trail('one-bucket'), trail('regional', { multiRegion: false }), trail('stopped')];
    const { results } = await run(
      cloudtrailFixture(trails, {
        reads: { selectors: s3Selector('ReadOnly') },
        'one-bucket': { selectors: s3Selector('All', 'arn:aws:s3:::payroll/') },
        regional: { selectors: s3Selector('All') },
        stopped: { logging: false, selectors: s3Selector('All') },
      }),
    );
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.reason).toContain('reads: no event selector logs S3 object-level write events for all buckets');
    expect(results[0]?.reason).toContain('one-bucket: no event selector logs S3 object-level write events');
    expect(results[0]?.reason).toContain('regional: it is not multi-Region');
    expect(results[0]?.reason).toContain('stopped: it is not logging');
  });

  it('is NOT_AVAILABLE when the only trail cannot be read', async () => {
    const { results } = await run(cloudtrailFixture([trail('data')], { data: { logging: denied('cloudtrail:GetTrailStatus') } }));
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:GetTrailStatus (AccessDenied)' });
  });
});
