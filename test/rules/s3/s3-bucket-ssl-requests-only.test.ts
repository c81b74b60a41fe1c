import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-ssl-requests-only.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketInfo, BucketPolicy } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';
import { BUCKET_ARN, bucketRuleCases } from './buckets.table.js';

const bucket = (name: string, region = 'us-east-1'): BucketInfo => ({ name, region, creationDate: '2026-01-01T00:00:00.000Z' });
const policy = (...statements: object[]): BucketPolicy => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { text, document: parsePolicyDocument(text) };
};
const arn = BUCKET_ARN;
const tlsDeny = (name: string, overrides: object = {}) => ({
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn(name), `${arn(name)}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});

/** One bucket per policy, each expected to end with the given status and reason code. */
function judged(name: string, status: 'PASSED' | 'FAILED', policies: Record<string, [BucketPolicy | null, string]>): RuleCase {
  return {
    name,
    fixture: {
      's3.buckets': Object.keys(policies).map((n) => bucket(n)),
      's3.bucketPolicy': ([n]: unknown[]) => policies[n as string]?.[0],
    },
    results: Object.entries(policies).map(([n, [, reasonCode]]) => ({ status, resource: arn(n), reasonCode })),
  };
}

const OK = 'SECURE_TRANSPORT_DENY_PRESENT';
const NO_DENY = 'NO_SECURE_TRANSPORT_DENY';

testRule(
  rule,
  bucketRuleCases({
    read: 's3.bucketPolicy',
    passing: { 's3.bucketPolicy': ([name]: unknown[]) => policy(tlsDeny(name as string)) },
    passCode: OK,
    extra: {
      passed: [
        judged('the accepted spellings of the aws:SecureTransport deny', 'PASSED', {
          canonical: [policy(tlsDeny('canonical')), OK],
          'objects-only': [policy(tlsDeny('objects-only', { Resource: `${arn('objects-only')}/*` })), OK],
          'bucket-only': [policy(tlsDeny('bucket-only', { Resource: arn('bucket-only') })), OK],
          'aws-star': [policy(tlsDeny('aws-star', { Principal: { AWS: '*' } })), OK],
          'aws-star-list': [policy(tlsDeny('aws-star-list', { Principal: { AWS: ['*'] } })), OK],
          'any-action': [policy(tlsDeny('any-action', { Action: ['*'] })), OK],
          'bool-value': [policy(tlsDeny('bool-value', { Condition: { Bool: { 'aws:SecureTransport': false } } })), OK],
          'upper-false': [policy(tlsDeny('upper-false', { Condition: { Bool: { 'aws:SecureTransport': ['False'] } } })), OK],
          'lower-key': [policy(tlsDeny('lower-key', { Action: 'S3:*', Condition: { Bool: { 'aws:securetransport': 'false' } } })), OK],
          'among-others': [
            policy(
              { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: `${arn('among-others')}/*` },
              tlsDeny('among-others'),
            ),
            OK,
          ],
        }),
        {
          name: 'the finding is an S3.5 one in the bucket Region',
          fixture: { 's3.buckets': [bucket('euw1', 'eu-west-1')], 's3.bucketPolicy': policy(tlsDeny('euw1')) },
          options: { regions: ['us-east-1', 'eu-west-1'] },
          results: {
            resource: arn('euw1'),
            region: 'eu-west-1',
            reasonCode: OK,
            reason: 'The policy of bucket euw1 denies every request that does not use TLS.',
            evidence: { statementSid: 'DenyHttp' },
          },
          check: ({ findings }) => expect(findings[0]?.Compliance?.SecurityControlId).toBe('S3.5'),
        },
      ],
      failed: [
        judged('statements that do not deny every HTTP request to everyone', 'FAILED', {
          'no-policy': [null, 'NO_BUCKET_POLICY'],
          'allow-only': [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn('allow-only')}/*` }), NO_DENY],
          'one-principal': [policy(tlsDeny('one-principal', { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })), NO_DENY],
          'not-principal': [policy({ ...tlsDeny('not-principal'), Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }), NO_DENY],
          'get-only': [policy(tlsDeny('get-only', { Action: 's3:GetObject' })), NO_DENY],
          'not-action': [policy({ ...tlsDeny('not-action'), Action: undefined, NotAction: 's3:GetObject' }), NO_DENY],
          'other-bucket': [policy(tlsDeny('other-bucket', { Resource: `${arn('elsewhere')}/*` })), NO_DENY],
          'wildcard-resource': [policy(tlsDeny('wildcard-resource', { Resource: '*' })), NO_DENY],
          'allows-http': [policy(tlsDeny('allows-http', { Effect: 'Allow' })), NO_DENY],
          'true-value': [policy(tlsDeny('true-value', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), NO_DENY],
          'if-exists': [policy(tlsDeny('if-exists', { Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })), NO_DENY],
          narrowed: [
            policy(tlsDeny('narrowed', { Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })),
            NO_DENY,
          ],
          'tls-version': [policy(tlsDeny('tls-version', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })), 'TLS_VERSION_DENY_ONLY'],
          garbled: [{ text: 'not json', document: null }, 'UNPARSEABLE_BUCKET_POLICY'],
        }),
        {
          name: 'says so when the only protection is the s3:TlsVersion deny',
          fixture: {
            's3.buckets': [bucket('tls12')],
            's3.bucketPolicy': policy(tlsDeny('tls12', { Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })),
          },
          results: { resource: arn('tls12'), reasonCode: 'TLS_VERSION_DENY_ONLY', reason: /s3:TlsVersion.*aws:SecureTransport is false/, evidence: { tlsVersionDeny: true } },
        },
        {
          name: "an unreadable policy makes that bucket NOT_AVAILABLE and the others are still judged",
          fixture: {
            's3.buckets': [bucket('open'), bucket('locked')],
            's3.bucketPolicy': ([name]: unknown[]) => (name === 'locked' ? denied('s3:GetBucketPolicy') : null),
          },
          results: [
            { resource: arn('open'), reasonCode: 'NO_BUCKET_POLICY', evidence: { bucketPolicy: 'none' } },
            {
              status: 'NOT_AVAILABLE',
              resource: arn('locked'),
              reasonCode: 'ACCESS_DENIED',
              action: 's3:GetBucketPolicy',
              reason: 'Missing permission s3:GetBucketPolicy (AccessDenied)',
            },
          ],
        },
      ],
    },
  }),
);
