import rule from '../../../rules/cloudtrail/cloudtrail-bucket-not-public.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketInfo, PublicAccessBlock } from '../../../src/data/s3.js';
import { denied, type Fixture } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { trail, trailListFixture } from '../trail-fixtures.js';

const OWNER = { ID: 'owner-id' };
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const privateAcl = { owner: OWNER, grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' }] };
const aclWith = (uri: string, permission: string) => ({ owner: OWNER, grants: [...privateAcl.grants, { Grantee: { Type: 'Group', URI: uri }, Permission: permission }] });
const policy = (statement: object) => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  return { text, document: parsePolicyDocument(text) };
};
const CLOUDTRAIL_WRITE = policy({
  Sid: 'AWSCloudTrailWrite',
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: 'arn:aws:s3:::b/AWSLogs/*',
  Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' } },
});
const OPEN_READ = policy({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
const BLOCK: PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

interface BucketState {
  acl?: unknown;
  policy?: unknown;
  block?: unknown;
}

function fixture(buckets: Record<string, BucketState>, accountBlock: unknown = null): Fixture {
  const names = Object.keys(buckets);
  const state = (args: unknown[]) => buckets[String(args[0])] ?? {};
  return {
    ...trailListFixture(names.map((name) => trail(`t-${name}`, { multiRegion: false, bucket: name }))),
    's3.buckets': names.map((name): BucketInfo => ({ name, region: 'us-east-1', creationDate: null })),
    's3.bucketAcl': (args: unknown[]) => state(args).acl ?? privateAcl,
    's3.bucketPolicy': (args: unknown[]) => state(args).policy ?? null,
    's3.bucketPublicAccessBlock': (args: unknown[]) => state(args).block ?? null,
    's3.accountPublicAccessBlock': accountBlock,
  };
}

const bucketArn = (name: string) => `arn:aws:s3:::${name}`;
const PASS = 'TRAIL_BUCKET_NOT_PUBLIC';
const FAIL = 'TRAIL_BUCKET_PUBLIC';

testRule(rule, {
  passed: [
    {
      name: 'a private trail bucket passes; one public through its ACL or its policy fails',
      fixture: fixture({
        private: { policy: CLOUDTRAIL_WRITE },
        'acl-read': { acl: aclWith(ALL_USERS, 'READ') },
        'acl-any-aws-user': { acl: aclWith(AUTHENTICATED, 'WRITE') },
        'policy-open': { policy: OPEN_READ },
      }),
      results: [
        { resource: bucketArn('private'), region: 'us-east-1', reasonCode: PASS, reason: 'Trail bucket private is not publicly accessible.' },
        { resource: bucketArn('acl-read'), status: 'FAILED', reasonCode: FAIL, reason: 'Trail bucket acl-read is publicly accessible: its ACL grants AllUsers:READ.' },
        {
          resource: bucketArn('acl-any-aws-user'),
          status: 'FAILED',
          reasonCode: FAIL,
          evidence: { publicAclGrants: 'AuthenticatedUsers:WRITE', ignorePublicAcls: false },
        },
        {
          resource: bucketArn('policy-open'),
          status: 'FAILED',
          reasonCode: FAIL,
          reason: 'Trail bucket policy-open is publicly accessible: its bucket policy allows any principal (PublicRead).',
        },
      ],
    },
    {
      name: 'a wildcard principal pinned down by a restricting condition is not public; an open IP range or an IfExists condition is',
      fixture: fixture({
        pinned: { policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }) },
        'wide-ip': { policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }) },
        'if-exists': {
          policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } }),
        },
      }),
      results: [
        { resource: bucketArn('pinned'), reasonCode: PASS },
        { resource: bucketArn('wide-ip'), status: 'FAILED', reasonCode: FAIL },
        { resource: bucketArn('if-exists'), status: 'FAILED', reasonCode: FAIL },
      ],
    },
    {
      name: "the bucket's Block Public Access neutralises public grants; with only IgnorePublicAcls the policy stays public",
      fixture: fixture({
        'bucket-blocked': { acl: aclWith(ALL_USERS, 'READ'), policy: OPEN_READ, block: BLOCK },
        'acl-only-blocked': { acl: aclWith(ALL_USERS, 'READ'), policy: OPEN_READ, block: { ...BLOCK, RestrictPublicBuckets: false } },
      }),
      results: [
        { resource: bucketArn('bucket-blocked'), reasonCode: PASS, reason: 'neutralised by Block Public Access' },
        { resource: bucketArn('acl-only-blocked'), status: 'FAILED', reasonCode: FAIL },
      ],
    },
    {
      name: "the account's Block Public Access neutralises public grants",
      fixture: fixture({ open: { acl: aclWith(ALL_USERS, 'READ'), policy: OPEN_READ } }, BLOCK),
      results: { resource: bucketArn('open'), reasonCode: PASS, evidence: { ignorePublicAcls: true, restrictPublicBuckets: true } },
    },
  ],
  failed: [
    {
      name: 'a bucket policy open to any principal',
      fixture: fixture({ 'policy-open': { policy: OPEN_READ } }),
      results: { resource: bucketArn('policy-open'), reasonCode: FAIL, evidence: { publicPolicyStatements: 'PublicRead', restrictPublicBuckets: false } },
    },
  ],
  warning: [
    {
      name: "a trail bucket that is not one of the account's buckets (central logging)",
      fixture: {
        ...trailListFixture([trail('central', { bucket: 'org-central-logs' })]),
        's3.buckets': [],
      },
      results: { resource: bucketArn('org-central-logs'), region: 'us-east-1', reasonCode: 'TRAIL_BUCKET_NOT_IN_ACCOUNT', evidence: { trails: 'central' } },
    },
  ],
  notAvailable: (
    [
      ['s3.bucketAcl', 's3:GetBucketAcl'],
      ['s3.bucketPolicy', 's3:GetBucketPolicy'],
      ['s3.bucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
      ['s3.accountPublicAccessBlock', 's3:GetAccountPublicAccessBlock'],
    ] as const
  ).map(([accessor, action]) => ({
    name: `${action} is denied for the bucket`,
    fixture: { ...fixture({ logs: {} }), [accessor]: denied(action) },
    results: { resource: bucketArn('logs'), reasonCode: 'ACCESS_DENIED', action, reason: `Missing permission ${action} (AccessDenied)` },
  })),
});
