import rule from '../../../rules/s3/s3-object-read-events-logged.js';
import type { TrailEventSelectors } from '../../../src/data/cloudtrail.js';
import { testRule } from '../../helpers/rule-tester.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';
import { ACCOUNT_ID } from './buckets.table.js';
import { s3DataEventCases } from './s3-data-events.table.js';

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

testRule(
  rule,
  s3DataEventCases({
    access: 'read',
    logging: advanced('true'),
    otherKind: advanced('false'),
    extra: {
      passed: [
        {
          name: 'advanced selectors for all data events (read and write) count',
          fixture: cloudtrailFixture([trail('data')], { data: { selectors: advanced() } }),
          results: { resource: ACCOUNT_ID, reasonCode: 'S3_DATA_EVENTS_LOGGED' },
        },
      ],
    },
  }),
);
