/**
 * Seed for the CIS v7.0.0 rules on resources the other seeds do not make: 2.21 for SQS
 * queues, Lambda functions, ECR repositories and Secrets Manager secrets, and 4.10 for
 * CloudFront, Application and Classic Load Balancers, API Gateway REST and HTTP API
 * stages. One compliant and one failing resource per kind; load balancers use the
 * default VPC's subnets and security group, so no network resource is added.
 */
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { CreateLoadBalancerCommand as CreateClassicCommand, ElasticLoadBalancingClient, ModifyLoadBalancerAttributesCommand as ModifyClassicCommand } from '@aws-sdk/client-elastic-load-balancing';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { motoClient } from '../../../src/dev/moto-server.js';
import type { ComplianceStatus } from '../../../src/engine/rule.js';
import type { Expectation, Seed } from './seed.js';

const ACCOUNT = '123456789012';
const HOME = 'us-east-1';
const EMPTY_ZIP = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const anyone = (action: string, restricted: boolean) => ({
  Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: action, Resource: '*',
  ...(restricted ? { Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } } : {}),
});
const status = (ok: boolean): ComplianceStatus => (ok ? 'PASSED' : 'FAILED');

/** The v7 resources in `region` (CloudFront is global: its reads go to us-east-1 whatever the region). */
export function v7SeedIn(region: string): Seed {
  const EU = region;
  return {
    name: region === 'eu-west-1' ? 'v7' : `v7 (${region})`,
    rules: [
      'sqs-queue-policy-no-public-principal', 'lambda-function-policy-no-public-principal', 'ecr-repository-policy-no-public-principal',
      'secretsmanager-secret-policy-no-public-principal', 'cloudfront-distribution-access-logging-enabled',
      'elb-application-load-balancer-access-logging-enabled', 'elb-classic-load-balancer-access-logging-enabled',
      'apigateway-rest-stage-access-logging-enabled', 'apigateway-http-stage-access-logging-enabled',
    ],
    async seed(url) {
      const out: Expectation[] = [];
      const expect = (rule: string, region: string, resource: string, ok: boolean) => out.push({ rule, region, resource, status: status(ok) });
      const role = (await motoClient(IAMClient, url, HOME).send(new CreateRoleCommand({
        RoleName: 'v7-lambda-exec',
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      }))).Role?.Arn ?? '';
      const sqs = motoClient(SQSClient, url, EU);
      const lambda = motoClient(LambdaClient, url, EU);
      const ecr = motoClient(ECRClient, url, EU);
      const secrets = motoClient(SecretsManagerClient, url, EU);
      for (const ok of [true, false]) {
        const name = `v7-${ok ? 'restricted' : 'open'}`;
        const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
        await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: doc(anyone('sqs:SendMessage', ok)) } }));
        expect('sqs-queue-policy-no-public-principal', EU, name, ok);
        await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP } }));
        await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'anyone', Action: 'lambda:InvokeFunction', Principal: '*', ...(ok ? { SourceAccount: ACCOUNT } : {}) }));
        expect('lambda-function-policy-no-public-principal', EU, name, ok);
        await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
        await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: doc({ ...anyone('ecr:BatchGetImage', ok), Resource: undefined }) }));
        expect('ecr-repository-policy-no-public-principal', EU, name, ok);
        const secret = (await secrets.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }))).ARN ?? '';
        await secrets.send(new PutResourcePolicyCommand({ SecretId: secret, ResourcePolicy: doc(anyone('secretsmanager:GetSecretValue', ok)) }));
        expect('secretsmanager-secret-policy-no-public-principal', EU, name, ok);
      }

      const cloudfront = motoClient(CloudFrontClient, url, HOME);
      for (const ok of [true, false]) {
        const created = await cloudfront.send(new CreateDistributionCommand({
          DistributionConfig: {
            CallerReference: `v7-${ok}`, Comment: '', Enabled: true,
            Origins: { Quantity: 1, Items: [{ Id: 'o', DomainName: 'v7.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
            DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'redirect-to-https' },
            ...(ok ? { Logging: { Enabled: true, IncludeCookies: false, Bucket: 'v7-logs.s3.amazonaws.com', Prefix: '' } } : {}),
          },
        }));
        expect('cloudfront-distribution-access-logging-enabled', HOME, created.Distribution?.ARN ?? '', ok);
      }

      const ec2 = motoClient(EC2Client, url, EU);
      const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets ?? [];
      const sg = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }, { Name: 'vpc-id', Values: [subnets[0]?.VpcId ?? ''] }] }))).SecurityGroups?.[0]?.GroupId ?? '';
      const elbv2 = motoClient(ElasticLoadBalancingV2Client, url, EU);
      const elb = motoClient(ElasticLoadBalancingClient, url, EU);
      for (const ok of [true, false]) {
        const name = `v7-${ok ? 'logged' : 'dark'}`;
        const arn = (await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Type: 'application', Subnets: subnets.slice(0, 2).map((s) => s.SubnetId ?? ''), SecurityGroups: [sg] }))).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
        if (ok) await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: 'v7-logs' }] }));
        expect('elb-application-load-balancer-access-logging-enabled', EU, name, ok);
        await elb.send(new CreateClassicCommand({ LoadBalancerName: name, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], Subnets: [subnets[0]?.SubnetId ?? ''], SecurityGroups: [sg] }));
        if (ok) await elb.send(new ModifyClassicCommand({ LoadBalancerName: name, LoadBalancerAttributes: { AccessLog: { Enabled: true, S3BucketName: 'v7-logs', EmitInterval: 60 } } }));
        expect('elb-classic-load-balancer-access-logging-enabled', EU, name, ok);
      }

      const logGroup = `arn:aws:logs:${EU}:${ACCOUNT}:log-group:v7-access`;
      const rest = motoClient(APIGatewayClient, url, EU);
      const api = (await rest.send(new CreateRestApiCommand({ name: 'v7-rest' }))).id ?? '';
      const root = (await rest.send(new GetResourcesCommand({ restApiId: api }))).items?.[0]?.id ?? '';
      await rest.send(new PutMethodCommand({ restApiId: api, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
      await rest.send(new PutIntegrationCommand({ restApiId: api, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
      const http = motoClient(ApiGatewayV2Client, url, EU);
      const httpApi = (await http.send(new CreateApiCommand({ Name: 'v7-http', ProtocolType: 'HTTP' }))).ApiId ?? '';
      for (const ok of [true, false]) {
        const stage = ok ? 'logged' : 'dark';
        await rest.send(new CreateDeploymentCommand({ restApiId: api, stageName: stage }));
        if (ok) {
          await rest.send(new UpdateStageCommand({
            restApiId: api, stageName: stage,
            patchOperations: [{ op: 'replace', path: '/accessLogSettings/destinationArn', value: logGroup }, { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' }],
          }));
        }
        expect('apigateway-rest-stage-access-logging-enabled', EU, `v7-rest/${stage}`, ok);
        await http.send(new CreateStageCommand({ ApiId: httpApi, StageName: stage, ...(ok ? { AccessLogSettings: { DestinationArn: logGroup, Format: '$context.requestId' } } : {}) }));
        expect('apigateway-http-stage-access-logging-enabled', EU, `v7-http/${stage}`, ok);
      }
      return out;
    },
  };
}

export const v7Seed: Seed = v7SeedIn('eu-west-1');
