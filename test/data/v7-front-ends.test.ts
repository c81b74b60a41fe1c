/**
 * The v7.0.0 reads (2.21 resource policies, 4.10 access logging) through the
 * real data layer with aws-sdk-client-mock: the answers AWS gives for "none"
 * (an absent list, a not-found error) read as none, and a broken answer is
 * NOT_AVAILABLE naming the action, never a PASSED.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFrontClient, GetDistributionConfigCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { CloudWatchLogsClient, DescribeDeliveriesCommand, DescribeDeliverySourcesCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient, ECRServiceException, DescribeRepositoriesCommand, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetPolicyCommand, LambdaClient, LambdaServiceException, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetResourcePolicyCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import cloudfrontRule from '../../rules/cloudfront/cloudfront-distribution-access-logging-enabled.js';
import ecrRule from '../../rules/ecr/ecr-repository-policy-no-public-principal.js';
import albRule from '../../rules/elb/elb-application-load-balancer-access-logging-enabled.js';
import lambdaRule from '../../rules/lambda/lambda-function-policy-no-public-principal.js';
import secretsRule from '../../rules/secretsmanager/secretsmanager-secret-policy-no-public-principal.js';
import sqsRule from '../../rules/sqs/sqs-queue-policy-no-public-principal.js';
import { PromiseCache } from '../../src/data/cache.js';
import type { Rule } from '../../src/engine/rule.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';

const ACCOUNT = '123456789012';
const mocks = {
  sts: mockClient(STSClient),
  sqs: mockClient(SQSClient),
  lambda: mockClient(LambdaClient),
  ecr: mockClient(ECRClient),
  secrets: mockClient(SecretsManagerClient),
  cloudfront: mockClient(CloudFrontClient),
  elbv2: mockClient(ElasticLoadBalancingV2Client),
  logs: mockClient(CloudWatchLogsClient),
};
afterEach(() => Object.values(mocks).forEach((m) => m.reset()));

const OPEN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });

/** [status, reasonCode, action named] of each result. */
async function judge(rule: Rule): Promise<[string, string | undefined, unknown][]> {
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`, UserId: 'AIDA' });
  const { source } = mockedLiveSource();
  const scan = await scanAccount(source, new PromiseCache(), {
    rules: [rule], benchmarks: ['7.0.0'], homeRegion: 'us-east-1', regions: ['us-east-1'], now: new Date(), logger: silentLogger,
  });
  return scan.evaluations.flatMap((e) => e.results).map((r) => [r.status, r.reasonCode, r.evidence?.action]);
}

describe('SQS', () => {
  it('a Region without queues answers no QueueUrls: no queue, no read', async () => {
    mocks.sqs.on(ListQueuesCommand).resolves({});
    expect(await judge(sqsRule)).toEqual([]);
    expect(mocks.sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(0);
  });

  it('an answer without Attributes is NOT_AVAILABLE naming sqs:GetQueueAttributes; a vanished queue has no result', async () => {
    mocks.sqs.on(ListQueuesCommand).resolves({ QueueUrls: [`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/a`, `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/b`] });
    mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/a` }).resolves({});
    mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/b` }).rejects(Object.assign(new Error('gone'), { name: 'QueueDoesNotExist' }));
    expect(await judge(sqsRule)).toEqual([['NOT_AVAILABLE', 'DATA_UNAVAILABLE', 'sqs:GetQueueAttributes']]);
  });
});

describe('Lambda', () => {
  it('ResourceNotFoundException from GetPolicy is "no policy"; an open policy fails', async () => {
    mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a', FunctionArn: 'arn:aws:lambda:us-east-1:1:function:a' }, { FunctionName: 'b', FunctionArn: 'arn:aws:lambda:us-east-1:1:function:b' }] });
    mocks.lambda.on(GetPolicyCommand, { FunctionName: 'a' }).rejects(new LambdaServiceException({ name: 'ResourceNotFoundException', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'x' }));
    mocks.lambda.on(GetPolicyCommand, { FunctionName: 'b' }).resolves({ Policy: OPEN });
    expect(await judge(lambdaRule)).toEqual([['PASSED', 'NO_FUNCTION_POLICY', undefined], ['FAILED', 'PUBLIC_PRINCIPAL_OPEN', undefined]]);
  });

  it('a ListFunctions page without Functions is NOT_AVAILABLE, not "no functions"', async () => {
    mocks.lambda.on(ListFunctionsCommand).resolves({});
    expect(await judge(lambdaRule)).toEqual([['NOT_AVAILABLE', 'DATA_UNAVAILABLE', 'lambda:ListFunctions']]);
  });
});

describe('ECR', () => {
  const error = (name: string) => new ECRServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message: name });
  it('RepositoryPolicyNotFoundException is "no policy"; RepositoryNotFoundException is "gone"', async () => {
    mocks.ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'a', repositoryArn: 'arn:aws:ecr:us-east-1:1:repository/a' }, { repositoryName: 'b', repositoryArn: 'arn:aws:ecr:us-east-1:1:repository/b' }] });
    mocks.ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'a' }).rejects(error('RepositoryPolicyNotFoundException'));
    mocks.ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'b' }).rejects(error('RepositoryNotFoundException'));
    expect(await judge(ecrRule)).toEqual([['PASSED', 'NO_REPOSITORY_POLICY', undefined]]);
  });
});

describe('Secrets Manager', () => {
  it('an answer without ResourcePolicy is "no policy"; one that does not name the secret is NOT_AVAILABLE', async () => {
    const arn = (n: string) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${n}-AbCdEf`;
    mocks.secrets.on(ListSecretsCommand).resolves({ SecretList: [{ Name: 'a', ARN: arn('a') }, { Name: 'b', ARN: arn('b') }] });
    mocks.secrets.on(GetResourcePolicyCommand, { SecretId: arn('a') }).resolves({ ARN: arn('a'), Name: 'a' });
    mocks.secrets.on(GetResourcePolicyCommand, { SecretId: arn('b') }).resolves({});
    expect(await judge(secretsRule)).toEqual([['PASSED', 'NO_SECRET_POLICY', undefined], ['NOT_AVAILABLE', 'DATA_UNAVAILABLE', 'secretsmanager:GetResourcePolicy']]);
  });
});

describe('CloudFront', () => {
  it('Quantity 0 without Items is no distribution; Items missing with a positive Quantity is NOT_AVAILABLE', async () => {
    mocks.cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Quantity: 0, MaxItems: 100, IsTruncated: false, Marker: '' } });
    expect(await judge(cloudfrontRule)).toEqual([]);
    mocks.cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Quantity: 2, MaxItems: 100, IsTruncated: false, Marker: '' } });
    expect(await judge(cloudfrontRule)).toEqual([['NOT_AVAILABLE', 'DATA_UNAVAILABLE', 'cloudfront:ListDistributions']]);
  });

  it('a configuration without a Logging block has logging off', async () => {
    mocks.cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Quantity: 1, MaxItems: 100, IsTruncated: false, Marker: '', Items: [{ Id: 'E1', ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/E1`, DomainName: 'e1.cloudfront.net' } as never] } });
    mocks.cloudfront.on(GetDistributionConfigCommand).resolves({ DistributionConfig: { CallerReference: 'x', Comment: '', Enabled: true } as never });
    mocks.logs.on(DescribeDeliverySourcesCommand).resolves({ deliverySources: [] });
    mocks.logs.on(DescribeDeliveriesCommand).resolves({ deliveries: [] });
    expect(await judge(cloudfrontRule)).toEqual([['FAILED', 'ACCESS_LOGGING_DISABLED', undefined]]);
  });

  it('a delivery source for the distribution counts only when a delivery uses it', async () => {
    const arn = `arn:aws:cloudfront::${ACCOUNT}:distribution/E1`;
    mocks.cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Quantity: 1, MaxItems: 100, IsTruncated: false, Marker: '', Items: [{ Id: 'E1', ARN: arn, DomainName: 'e1.cloudfront.net' } as never] } });
    mocks.cloudfront.on(GetDistributionConfigCommand).resolves({ DistributionConfig: { CallerReference: 'x', Comment: '', Enabled: true, Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' } } as never });
    mocks.logs.on(DescribeDeliverySourcesCommand).resolves({ deliverySources: [{ name: 'cf-e1', logType: 'ACCESS_LOGS', resourceArns: [arn] }] });
    mocks.logs.on(DescribeDeliveriesCommand).resolves({ deliveries: [] });
    expect(await judge(cloudfrontRule)).toEqual([['FAILED', 'ACCESS_LOGGING_DISABLED', undefined]]);
    mocks.logs.on(DescribeDeliveriesCommand).resolves({ deliveries: [{ deliverySourceName: 'cf-e1', deliveryDestinationArn: 'arn:aws:logs:us-east-1:1:delivery-destination:s3' }] });
    expect(await judge(cloudfrontRule)).toEqual([['PASSED', 'ACCESS_LOGGING_ENABLED', undefined]]);
  });
});

describe('Application Load Balancers', () => {
  it('an attributes answer without the Attributes list is NOT_AVAILABLE, not "logging off"', async () => {
    mocks.elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerName: 'web', LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1', Type: 'application' }] });
    mocks.elbv2.on(DescribeLoadBalancerAttributesCommand).resolves({});
    expect(await judge(albRule)).toEqual([['NOT_AVAILABLE', 'DATA_UNAVAILABLE', 'elasticloadbalancing:DescribeLoadBalancerAttributes']]);
  });
});
