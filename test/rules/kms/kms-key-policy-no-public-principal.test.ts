import { expect } from 'vitest';
import rule from '../../../rules/kms/kms-key-policy-no-public-principal.js';
import type { KeyPolicy } from '../../../src/data/kms.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import { DataUnavailable } from '../../../src/data/errors.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const arn = (id: string) => `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/${id}`;
const policy = (...statements: object[]): KeyPolicy => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { text, document: parsePolicyDocument(text) };
};
const root = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const anyone = (extra: object = {}) => ({ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*', ...extra });
const meta = (id: string, extra: object = {}) => ({ KeyId: id, Arn: arn(id), KeyManager: 'CUSTOMER', KeyState: 'Enabled', AWSAccountId: TEST_ACCOUNT, ...extra });
const notFound = new DataUnavailable({ action: 'kms:DescribeKey', reason: 'service-error', code: 'NotFoundException', region: 'us-east-1', message: 'gone' });

/** Keys by id: [DescribeKey answer, GetKeyPolicy answer]. */
const keys = (byId: Record<string, [unknown, unknown?]>) => ({
  'kms.keyIds': Object.keys(byId).map((id) => ({ keyId: id, arn: arn(id) })),
  'kms.key': ([id]: unknown[]) => byId[id as string]![0],
  ...(Object.values(byId).some(([, p]) => p !== undefined) ? { 'kms.keyPolicy': ([id]: unknown[]) => byId[id as string]![1] } : {}),
});

testRule(rule, {
  passed: [
    {
      name: 'the default key policy, "*" restricted by kms:CallerAccount; AWS managed, pending-deletion and vanished keys are skipped',
      fixture: keys({
        default: [meta('default'), policy(root)],
        caller: [meta('caller'), policy(root, anyone({ Condition: { StringEquals: { 'kms:CallerAccount': TEST_ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }))],
        aws: [meta('aws', { KeyManager: 'AWS' })],
        deleting: [meta('deleting', { KeyState: 'PendingDeletion' })],
        vanished: [notFound],
      }),
      results: [
        { resource: arn('default'), reasonCode: 'NO_PUBLIC_PRINCIPAL' },
        { resource: arn('caller'), reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
      ],
      check: ({ source }) => expect(source.reads.filter((r) => r.id === 'kms.keyPolicy').map((r) => r.args[0]).sort()).toEqual(['caller', 'default']),
    },
  ],
  failed: [
    {
      name: '"*" with no condition, and with kms:ViaService alone',
      fixture: keys({
        open: [meta('open'), policy(root, anyone())],
        via: [meta('via'), policy(anyone({ Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }))],
      }),
      options: { benchmarks: ['7.0.0'] },
      results: [
        { resource: arn('open'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN', evidence: { openSids: 'Anyone', openStatements: 1 } },
        { resource: arn('via'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN' },
      ],
      check: ({ findings }) => {
        expect(findings[0]?.Resources?.[0]?.Type).toBe('AwsKmsKey');
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.21']);
      },
    },
  ],
  notAvailable: [
    {
      name: 'the keys cannot be listed',
      fixture: { 'kms.keyIds': denied('kms:ListKeys') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'kms:ListKeys' },
    },
    {
      name: 'a key policy or key that cannot be read, and an unparseable policy',
      fixture: keys({
        locked: [meta('locked'), denied('kms:GetKeyPolicy')],
        hidden: [denied('kms:DescribeKey')],
        garbled: [meta('garbled'), { text: 'nope', document: null }],
      }),
      results: [
        { resource: arn('locked'), reasonCode: 'ACCESS_DENIED', action: 'kms:GetKeyPolicy' },
        { resource: arn('hidden'), reasonCode: 'ACCESS_DENIED', action: 'kms:DescribeKey' },
        { resource: arn('garbled'), reasonCode: 'UNPARSEABLE_POLICY' },
      ],
    },
  ],
});
