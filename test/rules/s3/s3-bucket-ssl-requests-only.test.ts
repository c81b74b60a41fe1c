import { describe, expect, it } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-ssl-requests-only.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketInfo, BucketPolicy } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

const bucket = (name: string, region = 'us-east-1'): BucketInfo => ({ name, region, creationDate: '2026-01-01T00:00:00.000Z' });
const policy = (...statements: object[]): BucketPolicy => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { text, document: parsePolicyDocument(text) };
};
const arn = (name: string) => `arn:aws:s3:::${name}`;
const tlsDeny = (name: string, overrides: object = {}) => ({
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn(name), `${arn(name)}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});

/** One bucket per policy; returns each bucket's status and reason code. */
async function judge(policies: Record<string, BucketPolicy | null>) {
  const { results } = await run({
    's3.buckets': Object.keys(policies).map((name) => bucket(name)),
    's3.bucketPolicy': ([name]: unknown[]) => policies[name as string],
  });
  return Object.fromEntries(results.map((r) => [r.resource.name, [r.status, r.reasonCode ?? null]]));
}

describe('s3-bucket-ssl-requests-only (S3.5)', () => {
  it('passes the accepted spellings of the aws:SecureTransport deny', async () => {
    const names = ['canonical', 'objects-only', 'bucket-only', 'aws-star', 'aws-star-list', 'any-action', 'bool-value', 'upper-false', 'lower-key', 'among-others'];
    const p: Record<string, BucketPolicy> = {
      canonical: policy(tlsDeny('canonical')),
      'objects-only': policy(tlsDeny('objects-only', { Resource: `${arn('objects-only')}/*` })),
      'bucket-only': policy(tlsDeny('bucket-only', { Resource: arn('bucket-only') })),
      'aws-star': policy(tlsDeny('aws-star', { Principal: { AWS: '*' } })),
      'aws-star-list': policy(tlsDeny('aws-star-list', { Principal: { AWS: ['*'] } })),
      'any-action': policy(tlsDeny('any-action', { Action: ['*'] })),
      'bool-value': policy(tlsDeny('bool-value', { Condition: { Bool: { 'aws:SecureTransport': false } } })),
      'upper-false': policy(tlsDeny('upper-false', { Condition: { Bool: { 'aws:SecureTransport': ['False'] } } })),
      'lower-key': policy(tlsDeny('lower-key', { Action: 'S3:*', Condition: { Bool: { 'aws:securetransport': 'false' } } })),
      'among-others': policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: `${arn('among-others')}/*` },
        tlsDeny('among-others'),
      ),
    };
    const verdicts = await judge(p);
    expect(Object.keys(verdicts).sort()).toEqual([...names].sort());
    for (const name of names) expect(verdicts[name], name).toEqual(['PASSED', null]);
  });

  it('fails statements that do not deny every HTTP request to everyone', async () => {
    const verdicts = await judge({
      'no-policy': null,
      'allow-only': policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn('allow-only')}/*` }),
      'one-principal': policy(tlsDeny('one-principal', { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
      'not-principal': policy({ ...tlsDeny('not-principal'), Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }),
      'get-only': policy(tlsDeny('get-only', { Action: 's3:GetObject' })),
      'not-action': policy({ ...tlsDeny('not-action'), Action: undefined, NotAction: 's3:GetObject' }),
      'other-bucket': policy(tlsDeny('other-bucket', { Resource: `${arn('elsewhere')}/*` })),
      'wildcard-resource': policy(tlsDeny('wildcard-resource', { Resource: '*' })),
      'allows-http': policy(tlsDeny('allows-http', { Effect: 'Allow' })),
      'true-value': policy(tlsDeny('true-value', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
      'if-exists': policy(tlsDeny('if-exists', { Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })),
      narrowed: policy(tlsDeny('narrowed', { Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })),
      'tls-version': policy(tlsDeny('tls-version', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })),
      garbled: { text: 'not json', document: null },
    });
    expect(verdicts).toEqual({
      'no-policy': ['FAILED', 'NO_BUCKET_POLICY'],
      'allow-only': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'one-principal': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'not-principal': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'get-only': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'not-action': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'other-bucket': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'wildcard-resource': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'allows-http': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'true-value': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'if-exists': ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      narrowed: ['FAILED', 'NO_SECURE_TRANSPORT_DENY'],
      'tls-version': ['FAILED', 'TLS_VERSION_DENY_ONLY'],
      garbled: ['FAILED', 'UNPARSEABLE_BUCKET_POLICY'],
    });
  });

  it('says so when the only protection is the s3:TlsVersion deny', async () => {
    const { results } = await run({
      's3.buckets': [bucket('tls12')],
      's3.bucketPolicy': policy(tlsDeny('tls12', { Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })),
    });
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.reason).toMatch(/s3:TlsVersion.*aws:SecureTransport is false/);
  });

  it('judges each bucket in its own Region with a read there, and skips Regions outside the scan', async () => {
    const { results, findings, source } = await run(
      {
        's3.buckets': [bucket('use1'), bucket('euw1', 'eu-west-1'), bucket('aps1', 'ap-south-1')],
        's3.bucketPolicy': ([name]: unknown[]) => policy(tlsDeny(name as string)),
      },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(results.map((r) => [r.resource.name, r.status]).sort()).toEqual([
      ['euw1', 'PASSED'],
      ['use1', 'PASSED'],
    ]);
    expect(source.reads.filter((r) => r.id === 's3.bucketPolicy').map((r) => [r.args[0], r.region]).sort()).toEqual([
      ['euw1', 'eu-west-1'],
      ['use1', 'us-east-1'],
    ]);
    const eu = findings.find((f) => f.Resources?.[0]?.Id === 'arn:aws:s3:::euw1');
    expect(eu?.Resources?.[0]).toMatchObject({ Type: 'AwsS3Bucket', Region: 'eu-west-1' });
    expect(eu?.Compliance?.SecurityControlId).toBe('S3.5');
  });

  it('makes an unreadable policy that bucket\'s NOT_AVAILABLE and still judges the others', async () => {
    const { results } = await run({
      's3.buckets': [bucket('open'), bucket('locked')],
      's3.bucketPolicy': ([name]: unknown[]) => (name === 'locked' ? denied('s3:GetBucketPolicy') : null),
    });
    expect(Object.fromEntries(results.map((r) => [r.resource.name, r.status]))).toEqual({ open: 'FAILED', locked: 'NOT_AVAILABLE' });
    expect(results.find((r) => r.resource.name === 'locked')?.reason).toBe('Missing permission s3:GetBucketPolicy (AccessDenied)');
  });

  it('is NOT_AVAILABLE as a whole when the buckets cannot be listed', async () => {
    const { results } = await run({ 's3.buckets': denied('s3:ListAllMyBuckets') });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission s3:ListAllMyBuckets (AccessDenied)' })]);
  });
});
