import { expect } from 'vitest';
import rule from '../../../rules/sns/sns-topic-policy-no-public-principal.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';
import type { TopicPolicy } from '../../../src/data/sns.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const topic = (name: string, region = 'us-east-1') => `arn:aws:sns:${region}:${TEST_ACCOUNT}:${name}`;
const policy = (...statements: object[]): TopicPolicy => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { text, document: parsePolicyDocument(text) };
};
const publish = (name: string, extra: object = {}) => ({
  Sid: 'AnyonePublish',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['SNS:Publish', 'SNS:Subscribe'],
  Resource: topic(name),
  ...extra,
});
const ownerOnly = { Condition: { StringEquals: { 'AWS:SourceOwner': TEST_ACCOUNT } } };
const topics = (byName: Record<string, TopicPolicy | null | ReturnType<typeof denied>>) => ({
  'sns.topics': Object.keys(byName).map((n) => topic(n)),
  'sns.topicPolicy': ([arn]: unknown[]) => byName[String(arn).split(':').at(-1)!],
});

testRule(rule, {
  passed: [
    {
      name: "SNS's default policy (restricted to the owner), one account, no policy attribute; a topic gone since ListTopics has no finding",
      fixture: topics({
        default: policy(publish('default', ownerOnly)),
        account: policy(publish('account', { Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` } })),
        bare: { text: null, document: null },
        gone: null,
      }),
      results: [
        { resource: topic('default'), reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
        { resource: topic('account'), reasonCode: 'NO_PUBLIC_PRINCIPAL' },
        { resource: topic('bare'), reasonCode: 'NO_TOPIC_POLICY' },
      ],
      check: ({ findings }) => expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsSnsTopic', Details: { AwsSnsTopic: { TopicName: 'default' } } }),
    },
    {
      name: 'reads each topic in the evaluated Region',
      fixture: {
        'sns.topics': (_args: unknown, region: string) => [topic('t', region)],
        'sns.topicPolicy': ([arn]: unknown[]) => policy(publish(String(arn).split(':').at(-1)!, ownerOnly)),
      },
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: [
        { resource: topic('t', 'eu-west-1'), region: 'eu-west-1', reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
        { resource: topic('t'), region: 'us-east-1', reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
      ],
      check: ({ source }) =>
        expect(source.reads.filter((r) => r.id === 'sns.topicPolicy').map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']),
    },
  ],
  failed: [
    {
      name: 'everyone may publish with no restricting condition',
      fixture: topics({ open: policy(publish('open')), spoofable: policy(publish('spoofable', { Condition: { StringNotEquals: { 'aws:SourceAccount': '1' } } })) }),
      options: { benchmarks: ['7.0.0'] },
      results: [
        { resource: topic('open'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN', reason: 'SNS topic open allows every principal' },
        { resource: topic('spoofable'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN' },
      ],
      check: ({ findings }) => {
        expect(findings[0]?.Severity?.Label).toBe('HIGH');
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.21']);
      },
    },
  ],
  notAvailable: [
    {
      name: 'the topics cannot be listed',
      fixture: { 'sns.topics': denied('sns:ListTopics') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'sns:ListTopics' },
    },
    {
      name: 'one topic policy denied, one unparseable; the others are judged',
      fixture: topics({ locked: denied('sns:GetTopicAttributes'), garbled: { text: '{', document: null }, fine: policy(publish('fine', ownerOnly)) }),
      results: [
        { resource: topic('locked'), reasonCode: 'ACCESS_DENIED', action: 'sns:GetTopicAttributes', reason: 'Missing permission sns:GetTopicAttributes' },
        { resource: topic('garbled'), reasonCode: 'UNPARSEABLE_POLICY' },
        { status: 'PASSED', resource: topic('fine'), reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
      ],
    },
  ],
});
