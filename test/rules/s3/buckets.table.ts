/**
 * Test tables the S3 rules share: `bucketRuleCases` for the per-bucket rules
 * (S3.5, S3.8, S3.20, CIS 2.1.1), which list the buckets once and judge each
 * in its own Region, and `publicAccessBlockCases` for the two Block Public
 * Access rules (S3.1 for the account, S3.8 per bucket).
 */
import { expect } from 'vitest';
import type { BucketInfo, PublicAccessBlock } from '../../../src/data/s3.js';
import { TEST_ACCOUNT, denied, type Fixture } from '../../helpers/fixture-source.js';
import type { RuleCase, RuleCases } from '../../helpers/rule-tester.js';

export const bucket = (name: string, region = 'us-east-1'): BucketInfo => ({ name, region, creationDate: null });
export const BUCKET_ARN = (name: string) => `arn:aws:s3:::${name}`;
export const ACCOUNT_ID = `AWS::::Account:${TEST_ACCOUNT}`;

export interface BucketTable {
  /** The per-bucket read the rule judges last (its reads are checked to happen in the bucket's Region). */
  read: string;
  /** Per-bucket fixture keys under which every bucket passes. */
  passing: Fixture;
  passCode: string;
  /** The rule's own cases, added to the shared ones. */
  extra?: Partial<RuleCases>;
}

export function bucketRuleCases({ read, passing, passCode, extra = {} }: BucketTable): RuleCases {
  return {
    passed: [
      {
        name: 'judges only the buckets of the evaluated Regions, each in its own Region with a read there',
        fixture: { 's3.buckets': [bucket('a'), bucket('b', 'eu-west-1'), bucket('c', 'sa-east-1')], ...passing },
        options: { regions: ['us-east-1', 'eu-west-1'] },
        results: [
          { resource: BUCKET_ARN('a'), region: 'us-east-1', reasonCode: passCode },
          { resource: BUCKET_ARN('b'), region: 'eu-west-1', reasonCode: passCode },
        ],
        check: ({ source, findings }) => {
          expect(source.reads.filter((r) => r.id === read).map((r) => `${JSON.stringify(r.args[0]).replace(/"/g, '')}@${r.region}`).sort()).toEqual(['a@us-east-1', 'b@eu-west-1']);
          expect(findings.find((f) => f.Resources?.[0]?.Id === BUCKET_ARN('b'))?.Resources?.[0]).toMatchObject({ Type: 'AwsS3Bucket', Region: 'eu-west-1' });
        },
      },
      ...(extra.passed ?? []),
    ],
    failed: [...(extra.failed ?? [])],
    notAvailable: [
      {
        name: 'the buckets cannot be listed: NOT_AVAILABLE as a whole',
        fixture: { 's3.buckets': denied('s3:ListAllMyBuckets') },
        results: { resource: ACCOUNT_ID, reasonCode: 'ACCESS_DENIED', action: 's3:ListAllMyBuckets', reason: 'Missing permission s3:ListAllMyBuckets (AccessDenied)' },
      },
      ...(extra.notAvailable ?? []),
    ],
  };
}

export const ALL_ON: PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export interface PublicAccessBlockTable {
  /** The fixture in which the rule reads `config` for resource `resource`. */
  fixture: (config: PublicAccessBlock | null) => Fixture;
  resource: string;
  reasons: { on: string; none: string; off: (settings: string) => string };
}

/** The Block Public Access judgement, the same for the account (S3.1) and for a bucket (S3.8). */
export function publicAccessBlockCases({ fixture, resource, reasons }: PublicAccessBlockTable): Pick<RuleCases, 'passed' | 'failed'> {
  const passed: RuleCase[] = [
    {
      name: 'all four settings on',
      fixture: fixture(ALL_ON),
      results: { resource, reasonCode: 'PUBLIC_ACCESS_BLOCK_ON', reason: reasons.on, evidence: { ...ALL_ON } },
    },
  ];
  const failed: RuleCase[] = [
    {
      name: 'settings off, each named',
      fixture: fixture({ ...ALL_ON, RestrictPublicBuckets: false, IgnorePublicAcls: false }),
      results: {
        resource,
        reasonCode: 'PUBLIC_ACCESS_BLOCK_OFF',
        reason: reasons.off('IgnorePublicAcls, RestrictPublicBuckets'),
        evidence: { BlockPublicAcls: true, IgnorePublicAcls: false, RestrictPublicBuckets: false },
      },
    },
    {
      name: 'one setting off',
      fixture: fixture({ ...ALL_ON, BlockPublicPolicy: false }),
      results: { resource, reasonCode: 'PUBLIC_ACCESS_BLOCK_OFF', reason: reasons.off('BlockPublicPolicy') },
    },
    {
      name: 'no configuration at all',
      fixture: fixture(null),
      results: { resource, reasonCode: 'NO_PUBLIC_ACCESS_BLOCK', reason: reasons.none },
      check: ({ results }) =>
        expect(results[0]?.evidence).toEqual({ BlockPublicAcls: null, IgnorePublicAcls: null, BlockPublicPolicy: null, RestrictPublicBuckets: null }),
    },
  ];
  return { passed, failed };
}
