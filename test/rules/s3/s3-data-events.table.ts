/** The test table S3.22 (write) and S3.23 (read) share: one evaluator, rules/lib/s3-data-events.ts, the access kind as parameter. */
import type { TrailEventSelectors } from '../../../src/data/cloudtrail.js';
import { denied, type Fixture } from '../../helpers/fixture-source.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';
import { ACCOUNT_ID } from './buckets.table.js';

function without(fixture: Fixture, key: string): Fixture {
  return Object.fromEntries(Object.entries(fixture).filter(([k]) => k !== key));
}

export interface S3DataEventTable {
  access: 'read' | 'write';
  /** Selectors that log the access kind for all buckets. */
  logging: TrailEventSelectors;
  /** Selectors that log only the other access kind. */
  otherKind: TrailEventSelectors;
  extra?: Partial<RuleCases>;
}

export function s3DataEventCases({ access, logging, otherKind, extra = {} }: S3DataEventTable): RuleCases {
  return {
    passed: [
      {
        name: `a multi-Region trail logging ${access} data events for all buckets passes in every Region`,
        fixture: cloudtrailFixture([trail('data', { home: 'eu-west-1' })], { data: { selectors: logging } }),
        options: { regions: ['us-east-1', 'eu-west-1'] },
        results: [
          { resource: ACCOUNT_ID, region: 'eu-west-1', reasonCode: 'S3_DATA_EVENTS_LOGGED' },
          {
            resource: ACCOUNT_ID,
            region: 'us-east-1',
            reasonCode: 'S3_DATA_EVENTS_LOGGED',
            reason: `Multi-Region trail data logs S3 object-level ${access} events for all buckets.`,
            evidence: { trailArn: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/data', trailHomeRegion: 'eu-west-1' },
          },
        ],
      },
      ...(extra.passed ?? []),
    ],
    failed: [
      {
        name: `data events of the other kind only`,
        fixture: cloudtrailFixture([trail('data')], { data: { selectors: otherKind } }),
        results: {
          resource: ACCOUNT_ID,
          reasonCode: 'S3_DATA_EVENTS_NOT_LOGGED',
          reason: `No multi-Region, logging trail records S3 object-level ${access} events for all buckets (data: no event selector logs S3 object-level ${access} events for all buckets).`,
          evidence: { trails: 1 },
        },
      },
      ...(extra.failed ?? []),
    ],
    notAvailable: [
      {
        name: 'the trails cannot be listed',
        fixture: { 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') },
        results: { resource: ACCOUNT_ID, reasonCode: 'ACCESS_DENIED', action: 'cloudtrail:DescribeTrails' },
      },
      {
        name: "the only trail's selectors cannot be read",
        fixture: cloudtrailFixture([trail('data')], { data: { selectors: denied('cloudtrail:GetEventSelectors') } }),
        results: {
          resource: ACCOUNT_ID,
          reasonCode: 'ACCESS_DENIED',
          action: 'cloudtrail:GetEventSelectors',
          reason: 'Missing permission cloudtrail:GetEventSelectors (AccessDenied)',
        },
      },
      {
        name: "the only trail's status cannot be read",
        // The selectors of a trail whose status is unknown are not read.
        fixture: without(cloudtrailFixture([trail('data')], { data: { logging: denied('cloudtrail:GetTrailStatus') } }), 'cloudtrail.eventSelectors'),
        results: {
          resource: ACCOUNT_ID,
          reasonCode: 'ACCESS_DENIED',
          action: 'cloudtrail:GetTrailStatus',
          reason: 'Missing permission cloudtrail:GetTrailStatus (AccessDenied)',
        },
      },
      ...(extra.notAvailable ?? []),
    ],
  };
}
