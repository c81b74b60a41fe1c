import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-bucket-policy-no-public-principal.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { BucketPolicy } from '../../../src/data/s3.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { BUCKET_ARN, bucket, bucketRuleCases } from './buckets.table.js';

const policy = (...statements: object[]): BucketPolicy => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { text, document: parsePolicyDocument(text) };
};
const publicRead = (name: string, extra: object = {}) => ({
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `${BUCKET_ARN(name)}/*`,
  ...extra,
});
const fromVpce = { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } };
const policies = (byName: Record<string, BucketPolicy | null>) => ({
  's3.buckets': Object.keys(byName).map((n) => bucket(n)),
  's3.bucketPolicy': ([n]: unknown[]) => byName[n as string],
});

testRule(
  rule,
  bucketRuleCases({
    read: 's3.bucketPolicy',
    passing: { 's3.bucketPolicy': ([name]: unknown[]) => policy(publicRead(name as string, fromVpce)) },
    passCode: 'PUBLIC_PRINCIPAL_RESTRICTED',
    extra: {
      passed: [
        {
          name: 'no policy, a policy for one account, and "*" restricted to a VPC endpoint',
          fixture: policies({
            none: null,
            account: policy(publicRead('account', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })),
            vpce: policy(publicRead('vpce', fromVpce)),
          }),
          results: [
            { resource: BUCKET_ARN('none'), reasonCode: 'NO_BUCKET_POLICY' },
            { resource: BUCKET_ARN('account'), reasonCode: 'NO_PUBLIC_PRINCIPAL' },
            { resource: BUCKET_ARN('vpce'), reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED', evidence: { restrictedPublicStatements: 1, openStatements: 0 } },
          ],
        },
      ],
      failed: [
        {
          name: '"*" and {"AWS": "*"} without a restricting condition',
          fixture: policies({
            star: policy(publicRead('star')),
            'aws-star': policy(publicRead('aws-star', { Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
          }),
          results: [
            { resource: BUCKET_ARN('star'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN', reason: /statements PublicRead\)\. CIS v7\.0\.0 2\.21 is a Manual/ },
            { resource: BUCKET_ARN('aws-star'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN', evidence: { openSids: 'PublicRead' } },
          ],
          options: { benchmarks: ['7.0.0'] },
          check: ({ findings }) => {
            expect(findings[0]?.Severity?.Label).toBe('HIGH');
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.21']);
          },
        },
      ],
      notAvailable: [
        {
          name: 'an unreadable policy names s3:GetBucketPolicy; an unparseable one is not judged',
          fixture: {
            's3.buckets': [bucket('locked'), bucket('garbled')],
            's3.bucketPolicy': ([n]: unknown[]) => (n === 'locked' ? denied('s3:GetBucketPolicy') : { text: 'not json', document: null }),
          },
          results: [
            { resource: BUCKET_ARN('locked'), reasonCode: 'ACCESS_DENIED', action: 's3:GetBucketPolicy' },
            { resource: BUCKET_ARN('garbled'), reasonCode: 'UNPARSEABLE_POLICY', reason: 'could not be parsed' },
          ],
        },
      ],
    },
  }),
);
