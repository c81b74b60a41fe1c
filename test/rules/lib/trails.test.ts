/** The event-selector requirements behind CloudTrail.1, S3.22, S3.23 and CloudWatch.x. */
import { describe, expect, it } from 'vitest';
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { allManagementEvents, parseArn, s3DataEvents } from '../../../rules/lib/trails.js';

const basic = (...eventSelectors: EventSelector[]) => ({ eventSelectors, advancedEventSelectors: [] });
const advanced = (...fieldSets: AdvancedEventSelector['FieldSelectors'][]) => ({
  eventSelectors: [],
  advancedEventSelectors: fieldSets.map((FieldSelectors) => ({ Name: 'x', FieldSelectors })),
});
const eq = (Field: string, ...Equals: string[]) => ({ Field, Equals });

describe('all read and write management events', () => {
  const cases: [string, Parameters<typeof allManagementEvents>[0], boolean][] = [
    ['basic All with management events', basic({ ReadWriteType: 'All', IncludeManagementEvents: true }), true],
    ['basic WriteOnly', basic({ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }), false],
    ['basic ReadOnly plus WriteOnly (no single All selector)', basic({ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }, { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }), false],
    ['basic All without management events', basic({ ReadWriteType: 'All', IncludeManagementEvents: false }), false],
    ['basic All excluding KMS events', basic({ ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] }), false],
    ['advanced eventCategory = Management', advanced([eq('eventCategory', 'Management')]), true],
    ['advanced management, write only', advanced([eq('eventCategory', 'Management'), eq('readOnly', 'false')]), false],
    ['advanced management, an excluded source', advanced([eq('eventCategory', 'Management'), { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }]), false],
    ['advanced data events only', advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::S3::Object')]), false],
    ['advanced NotEquals Management', advanced([{ Field: 'eventCategory', NotEquals: ['Management'] }]), false],
  ];
  it.each(cases)('%s', (_name, selectors, ok) => {
    expect(allManagementEvents(selectors, 'aws') === null).toBe(ok);
  });

  it('says when a trail has no selectors at all', () => {
    expect(allManagementEvents({ eventSelectors: [], advancedEventSelectors: [] }, 'aws')).toBe('it has no event selectors');
  });
});

describe('S3 object-level data events for all buckets', () => {
  const s3 = (ReadWriteType: EventSelector['ReadWriteType'], ...Values: string[]) =>
    basic({ ReadWriteType, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values }] });
  const cases: [string, Parameters<typeof allManagementEvents>[0], { write: boolean; read: boolean }][] = [
    ['basic All, arn:aws:s3', s3('All', 'arn:aws:s3'), { write: true, read: true }],
    ['basic WriteOnly, arn:aws:s3:::', s3('WriteOnly', 'arn:aws:s3:::'), { write: true, read: false }],
    ['basic ReadOnly', s3('ReadOnly', 'arn:aws:s3'), { write: false, read: true }],
    ['basic All, one bucket only', s3('All', 'arn:aws:s3:::logs/'), { write: false, read: false }],
    ['basic, Lambda data events', basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }), { write: false, read: false }],
    ['advanced, no readOnly', advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::S3::Object')]), { write: true, read: true }],
    ['advanced, readOnly = true', advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::S3::Object'), eq('readOnly', 'true')]), { write: false, read: true }],
    ['advanced, readOnly = false', advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::S3::Object'), eq('readOnly', 'false')]), { write: true, read: false }],
    [
      'advanced, restricted to one bucket ARN',
      advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::S3::Object'), { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::logs/'] }]),
      { write: false, read: false },
    ],
    ['advanced, restricted to some events', advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::S3::Object'), eq('eventName', 'PutObject')]), { write: false, read: false }],
    ['advanced, DynamoDB data events', advanced([eq('eventCategory', 'Data'), eq('resources.type', 'AWS::DynamoDB::Table')]), { write: false, read: false }],
    ['management events only', basic({ ReadWriteType: 'All', IncludeManagementEvents: true }), { write: false, read: false }],
  ];
  it.each(cases)('%s', (_name, selectors, expected) => {
    expect({ write: s3DataEvents('write')(selectors, 'aws') === null, read: s3DataEvents('read')(selectors, 'aws') === null }).toEqual(expected);
  });

  it('uses the scanned partition in the all-buckets value', () => {
    expect(s3DataEvents('write')(s3('All', 'arn:aws-cn:s3'), 'aws-cn')).toBeNull();
    expect(s3DataEvents('write')(s3('All', 'arn:aws:s3'), 'aws-cn')).toMatch(/no event selector logs S3 object-level write events/);
  });
});

describe('ARNs', () => {
  it('splits an ARN and keeps colons in the resource', () => {
    expect(parseArn('arn:aws:logs:eu-west-1:123456789012:log-group:trail:*')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'eu-west-1',
      account: '123456789012',
      resource: 'log-group:trail:*',
    });
    expect(parseArn('not-an-arn')).toBeNull();
    expect(parseArn(undefined)).toBeNull();
  });
});
