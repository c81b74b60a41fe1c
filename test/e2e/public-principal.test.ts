/**
 * CIS v7.0.0 2.21 end to end: moto serves S3 bucket policies, SNS topic
 * policies and KMS key policies. Per resource type, one policy open to "*"
 * (FAILED) and one restricted by a condition (PASSED), scanned by the built CLI.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, resetMoto, runCli } from './moto.js';

const RULES = ['kms-key-policy-no-public-principal', 's3-bucket-policy-no-public-principal', 'sns-topic-policy-no-public-principal'];
const restricted = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const rootStatement = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

describeMoto('resource policies open to every principal (CIS v7.0.0 2.21) against moto', () => {
  let findings: AwsSecurityFinding[] = [];
  let code = -1;
  const expected: Record<string, string> = {};

  beforeAll(async () => {
    await resetMoto();
    const s3 = client(S3Client);
    for (const [name, condition] of [['pp-open', undefined], ['pp-restricted', restricted]] as const) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
      const statement = { Sid: 'Read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*`, ...(condition ? { Condition: condition } : {}) };
      await s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: doc(statement) }));
      expected[`arn:aws:s3:::${name}`] = condition ? 'PASSED' : 'FAILED';
    }
    const sns = client(SNSClient);
    for (const [name, condition] of [['pp-open', undefined], ['pp-restricted', restricted]] as const) {
      const arn = (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
      const statement = { Sid: 'Publish', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: arn, ...(condition ? { Condition: condition } : {}) };
      await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Policy', AttributeValue: doc(statement) }));
      expected[arn] = condition ? 'PASSED' : 'FAILED';
    }
    const kms = client(KMSClient);
    for (const [name, condition] of [['open', undefined], ['restricted', { StringEquals: { 'kms:CallerAccount': ACCOUNT } }]] as const) {
      const anyone = { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', ...(condition ? { Condition: condition } : {}) };
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [rootStatement, anyone] });
      const key = await kms.send(new CreateKeyCommand({ Description: name, Policy: policy }));
      expected[key.KeyMetadata!.Arn!] = condition ? 'PASSED' : 'FAILED';
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-public-principal-'));
    const result = await runCli(['scan', '--regions', 'us-east-1', '--benchmark', 'cis-7.0.0', '--rules', RULES.join(','), '--output-dir', dir, '--no-progress']);
    code = result.code;
    findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  });

  it('fails the policy open to "*" and passes the restricted one, per resource type', () => {
    expect(code).toBe(1);
    const got = Object.fromEntries(findings.map((f) => [f.Resources?.[0]?.Id, f.Compliance?.Status]));
    expect(got).toEqual(expected);
    for (const f of findings) expect(f.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.21']);
    expect(new Set(findings.map((f) => f.ProductFields?.['hubcheck/RuleId']))).toEqual(new Set(RULES));
  });
});
