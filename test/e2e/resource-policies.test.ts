/**
 * CIS v7.0.0 2.21 end to end for SQS queues, Lambda functions, ECR repositories
 * and Secrets Manager secrets (moto serves all four; Lambda's CreateFunction
 * needs no Docker, only Invoke would). Per resource type: a policy open to "*"
 * (FAILED), one whose "*" a condition restricts (PASSED) and one resource with
 * no policy (PASSED), scanned by the built CLI.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ECRClient, CreateRepositoryCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, resetMoto, runCli } from './moto.js';

const RULES = [
  'ecr-repository-policy-no-public-principal',
  'lambda-function-policy-no-public-principal',
  'secretsmanager-secret-policy-no-public-principal',
  'sqs-queue-policy-no-public-principal',
];
const REGION = 'eu-west-1';
const restricted = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };
const CASES = [['open', undefined], ['restricted', restricted]] as const;
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const anyone = (action: string, resource: string | undefined, condition?: object) => ({
  Sid: 'Anyone',
  Effect: 'Allow',
  Principal: '*',
  Action: action,
  ...(resource ? { Resource: resource } : {}),
  ...(condition ? { Condition: condition } : {}),
});
/** An empty zip archive: CreateFunction accepts it, and nothing is invoked. */
const EMPTY_ZIP = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');

describeMoto('resource policies open to every principal (CIS v7.0.0 2.21), SQS/Lambda/ECR/Secrets Manager, against moto', () => {
  let findings: AwsSecurityFinding[] = [];
  let code = -1;
  const expected: Record<string, string> = {};

  beforeAll(async () => {
    await resetMoto();
    const sqs = client(SQSClient, REGION);
    for (const [name, condition] of [...CASES, ['none', null]] as const) {
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: `pp-${name}` }))).QueueUrl!;
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      if (condition !== null) await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: doc(anyone('sqs:SendMessage', arn, condition)) } }));
      expected[arn] = condition === undefined ? 'FAILED' : 'PASSED';
    }

    const role = (await client(IAMClient).send(new CreateRoleCommand({
      RoleName: 'pp-lambda',
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    }))).Role!.Arn!;
    const lambda = client(LambdaClient, REGION);
    for (const [name, condition] of [...CASES, ['none', null]] as const) {
      const fn = await lambda.send(new CreateFunctionCommand({ FunctionName: `pp-${name}`, Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP } }));
      if (condition !== null) {
        await lambda.send(new AddPermissionCommand({
          FunctionName: `pp-${name}`, StatementId: 'anyone', Action: 'lambda:InvokeFunction', Principal: '*', ...(condition ? { SourceAccount: ACCOUNT } : {}),
        }));
      }
      expected[fn.FunctionArn!] = condition === undefined ? 'FAILED' : 'PASSED';
    }

    const ecr = client(ECRClient, REGION);
    for (const [name, condition] of [...CASES, ['none', null]] as const) {
      const repo = (await ecr.send(new CreateRepositoryCommand({ repositoryName: `pp-${name}` }))).repository!;
      if (condition !== null) await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: `pp-${name}`, policyText: doc(anyone('ecr:BatchGetImage', undefined, condition)) }));
      expected[repo.repositoryArn!] = condition === undefined ? 'FAILED' : 'PASSED';
    }

    const secrets = client(SecretsManagerClient, REGION);
    for (const [name, condition] of [...CASES, ['none', null]] as const) {
      const arn = (await secrets.send(new CreateSecretCommand({ Name: `pp-${name}`, SecretString: 'not-a-secret' }))).ARN!;
      if (condition !== null) await secrets.send(new PutResourcePolicyCommand({ SecretId: arn, ResourcePolicy: doc(anyone('secretsmanager:GetSecretValue', '*', condition)) }));
      expected[arn] = condition === undefined ? 'FAILED' : 'PASSED';
    }

    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-resource-policies-'));
    const result = await runCli(['scan', '--regions', REGION, '--benchmark', 'cis-7.0.0', '--rules', RULES.join(','), '--output-dir', dir, '--no-progress']);
    code = result.code;
    findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  });

  it('fails the policy open to "*" and passes the restricted one and the resource without a policy, per resource type', () => {
    expect(code).toBe(1);
    const got = Object.fromEntries(findings.map((f) => [f.Resources?.[0]?.Id, f.Compliance?.Status]));
    expect(got).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(12);
    for (const f of findings) {
      expect(f.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.21']);
      expect(f.Resources?.[0]?.Region).toBe(REGION);
    }
    expect(new Set(findings.map((f) => f.ProductFields?.['hubcheck/RuleId']))).toEqual(new Set(RULES));
  });
});
