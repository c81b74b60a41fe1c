import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-bucket-not-public.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketInfo, PublicAccessBlock } from '../../../src/data/s3.js';
import { denied, type Fixture } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { cloudtrailFixture, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
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
    ...cloudtrailFixture(names.map((name) => trail(`t-${name}`, { multiRegion: false, bucket: name }))),
    's3.buckets': names.map((name): BucketInfo => ({ name, region: 'us-east-1', creationDate: null })),
    's3.bucketAcl': (args: unknown[]) => state(args).acl ?? privateAcl,
    's3.bucketPolicy': (args: unknown[]) => state(args).policy ?? null,
    's3.bucketPublicAccessBlock': (args: unknown[]) => state(args).block ?? null,
    's3.accountPublicAccessBlock': accountBlock,
  };
}

const statuses = (results: { resource: { name?: string }; status: string }[]) => Object.fromEntries(results.map((r) => [r.resource.name, r.status]));

describe('cloudtrail-bucket-not-public (CloudTrail.6)', () => {
  it('fails a trail bucket that is public through its ACL or its policy, and passes a private one', async () => {
    const { results } = await run(
      fixture({
        private: { policy: CLOUDTRAIL_WRITE },
        'acl-read': { acl: aclWith(ALL_USERS, 'READ') },
        'acl-any-aws-user': { acl: aclWith(AUTHENTICATED, 'WRITE') },
        'policy-open': { policy: OPEN_READ },
      }),
    );
    expect(statuses(results)).toEqual({ 'acl-any-aws-user': 'FAILED', 'acl-read': 'FAILED', 'policy-open': 'FAILED', private: 'PASSED' });
    const byName = Object.fromEntries(results.map((r) => [r.resource.name, r]));
    expect(byName['acl-read']?.reason).toBe('Trail bucket acl-read is publicly accessible: its ACL grants AllUsers:READ.');
    expect(byName['policy-open']?.reason).toBe('Trail bucket policy-open is publicly accessible: its bucket policy allows any principal (PublicRead).');
    expect(byName['acl-any-aws-user']?.evidence).toMatchObject({ publicAclGrants: 'AuthenticatedUsers:WRITE', ignorePublicAcls: false });
    expect(byName.private?.reason).toBe('Trail bucket private is not publicly accessible.');
  });

  it('reads a wildcard principal pinned down by a restricting condition as not public', async () => {
    const pinned = policy({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    });
    const wideOpenIp = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
    });
    const ifExists = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
    });
    const { results } = await run(fixture({ pinned: { policy: pinned }, 'wide-ip': { policy: wideOpenIp }, 'if-exists': { policy: ifExists } }));
    expect(statuses(results)).toEqual({ pinned: 'PASSED', 'wide-ip': 'FAILED', 'if-exists': 'FAILED' });
  });

  it('lets Block Public Access at the bucket or the account neutralise public grants', async () => {
    const { results } = await run(
      fixture({
        'bucket-blocked': { acl: aclWith(ALL_USERS, 'READ'), policy: OPEN_READ, block: BLOCK },
        'acl-only-blocked': { acl: aclWith(ALL_USERS, 'READ'), policy: OPEN_READ, block: { ...BLOCK, RestrictPublicBuckets: false } },
      }),
    );
    expect(statuses(results)).toEqual({ 'acl-only-blocked': 'FAILED', 'bucket-blocked': 'PASSED' });
    expect(results.find((r) => r.resource.name === 'bucket-blocked')?.reason).toContain('neutralised by Block Public Access');

    const account = await run(fixture({ open: { acl: aclWith(ALL_USERS, 'READ'), policy: OPEN_READ } }, BLOCK));
    expect(account.results[0]).toMatchObject({ status: 'PASSED', evidence: { ignorePublicAcls: true, restrictPublicBuckets: true } });
  });

  it('is NOT_AVAILABLE for a bucket any of whose reads is denied', async () => {
    for (const [accessor, action] of [
      ['s3.bucketAcl', 's3:GetBucketAcl'],
      ['s3.bucketPolicy', 's3:GetBucketPolicy'],
      ['s3.bucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
      ['s3.accountPublicAccessBlock', 's3:GetAccountPublicAccessBlock'],
    ] as const) {
      const { results } = await run({ ...fixture({ logs: {} }), [accessor]: denied(action) });
      expect(results, accessor).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: `Missing permission ${action} (AccessDenied)` })]);
    }
  });
});
