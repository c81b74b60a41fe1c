import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-object-write-events-logged.js';
import type { TrailEventSelectors } from '../../../src/data/cloudtrail.js';
import { testRule } from '../../helpers/rule-tester.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';
import { ACCOUNT_ID } from './buckets.table.js';
import { s3DataEventCases } from './s3-data-events.table.js';

const s3Selector = (ReadWriteType: 'All' | 'WriteOnly' | 'ReadOnly', value = 'arn:aws:s3'): TrailEventSelectors => ({
  eventSelectors: [{ ReadWriteType, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [value] }] }],
  advancedEventSelectors: [],
});

testRule(
  rule,
  s3DataEventCases({
    access: 'write',
    logging: s3Selector('WriteOnly'),
    otherKind: s3Selector('ReadOnly'),
    extra: {
      passed: [
        {
          name: 'maps to CIS v1.4.0 3.10 and v5.0.0 3.8',
          fixture: cloudtrailFixture([trail('data')], { data: { selectors: s3Selector('All') } }),
          options: { benchmarks: ['1.4.0', '5.0.0'] },
          results: { resource: ACCOUNT_ID, reasonCode: 'S3_DATA_EVENTS_LOGGED' },
          check: ({ findings }) =>
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
              'CIS AWS Foundations Benchmark v1.4.0/3.10',
              'CIS AWS Foundations Benchmark v5.0.0/3.8',
            ]),
        },
      ],
      failed: [
        {
          name: 'read-only data events, one bucket only, a single-Region trail, or a stopped one: each shortfall named',
          fixture: cloudtrailFixture([trail('reads'), trail('one-bucket'), trail('regional', { multiRegion: false }), trail('stopped')], {
            reads: { selectors: s3Selector('ReadOnly') },
            'one-bucket': { selectors: s3Selector('All', 'arn:aws:s3:::payroll/') },
            regional: { selectors: s3Selector('All') },
            stopped: { logging: false, selectors: s3Selector('All') },
          }),
          results: { resource: ACCOUNT_ID, reasonCode: 'S3_DATA_EVENTS_NOT_LOGGED', evidence: { trails: 4 } },
          check: ({ results }) => {
            expect(results[0]?.reason).toContain('reads: no event selector logs S3 object-level write events for all buckets');
            expect(results[0]?.reason).toContain('one-bucket: no event selector logs S3 object-level write events');
            expect(results[0]?.reason).toContain('regional: it is not multi-Region');
            expect(results[0]?.reason).toContain('stopped: it is not logging');
          },
        },
      ],
    },
  }),
);
