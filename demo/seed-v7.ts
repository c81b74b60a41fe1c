/**
 * What Acme adds for the CIS v7.0.0 rules: resource policies (2.21) and web
 * front ends (4.10), each kind with one resource that is fine and one that is
 * not. Built so the v5.0.0 results of the demo stay as they were: no new
 * bucket, key, VPC, subnet or security group (the load balancers use the
 * default VPC's subnets and security group), and the Lambda functions reuse
 * Acme's existing web-app role.
 */
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { CreateLoadBalancerCommand as CreateClassicCommand, ElasticLoadBalancingClient, ModifyLoadBalancerAttributesCommand as ModifyClassicCommand } from '@aws-sdk/client-elastic-load-balancing';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { motoClient } from '../src/dev/moto-server.js';

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** An empty zip archive: enough for CreateFunction; nothing is invoked. */
const EMPTY_ZIP = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');

/** The statement Acme's legacy reporting key carries: anyone may decrypt (FAILED under 2.21). */
export function openDecryptStatement(): object {
  return { Sid: 'LegacyPartnerDecrypt', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' };
}

/** The statement Acme's prod assets bucket carries: public reads of public/ (FAILED under 2.21; Block Public Access still blocks it). */
export function publicAssetsStatement(bucket: string): object {
  return { Sid: 'PublicAssets', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/public/*` };
}

export async function seedAcmeV7(url: string, account: string): Promise<void> {
  await seedResourcePolicies(url, account);
  await seedFrontEnds(url, account);
}

async function seedResourcePolicies(url: string, account: string): Promise<void> {
  const eu = 'eu-west-1';
  // SNS: a partner webhook topic anyone may publish to.
  const sns = motoClient(SNSClient, url, eu);
  const partnerTopic = (await sns.send(new CreateTopicCommand({ Name: 'acme-partner-webhooks' }))).TopicArn ?? '';
  await sns.send(new SetTopicAttributesCommand({ TopicArn: partnerTopic, AttributeName: 'Policy', AttributeValue: policy({ Sid: 'AnyonePublish', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: partnerTopic }) }));

  // SQS: order events fed by the topic (restricted by aws:SourceArn), and a partner inbox open to anyone.
  const sqs = motoClient(SQSClient, url, eu);
  for (const [name, condition] of [['acme-order-events', { ArnEquals: { 'aws:SourceArn': partnerTopic } }], ['acme-partner-inbox', null]] as const) {
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
    const statement = { Sid: 'Send', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arn, ...(condition ? { Condition: condition } : {}) };
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: policy(statement) } }));
  }

  // Lambda: a thumbnailer S3 may invoke for Acme's bucket, and a webhook anyone may invoke.
  const lambda = motoClient(LambdaClient, url, eu);
  const role = `arn:aws:iam::${account}:role/web-app`;
  for (const name of ['acme-thumbnailer', 'acme-public-webhook']) {
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP } }));
  }
  await lambda.send(new AddPermissionCommand({ FunctionName: 'acme-thumbnailer', StatementId: 's3-uploads', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::acme-prod-assets', SourceAccount: account }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'acme-public-webhook', StatementId: 'anyone', Action: 'lambda:InvokeFunction', Principal: '*' }));

  // ECR: firmware images shared with Acme's organization only, SDK samples anyone may pull.
  const ecr = motoClient(ECRClient, url, 'us-east-1');
  for (const [name, condition] of [['acme/firmware', { StringEquals: { 'aws:PrincipalOrgID': 'o-acme314159' } }], ['acme/sdk-samples', null]] as const) {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
    const statement = { Sid: 'Pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ...(condition ? { Condition: condition } : {}) };
    await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: policy(statement) }));
  }

  // Secrets Manager: the orders database password has no resource policy; a partner API key is readable by anyone.
  const secrets = motoClient(SecretsManagerClient, url, eu);
  await secrets.send(new CreateSecretCommand({ Name: 'acme/prod/orders-db', SecretString: 'demo-not-a-secret' }));
  const partnerKey = (await secrets.send(new CreateSecretCommand({ Name: 'acme/partner-api-key', SecretString: 'demo-not-a-secret' }))).ARN ?? '';
  await secrets.send(new PutResourcePolicyCommand({ SecretId: partnerKey, ResourcePolicy: policy({ Sid: 'PartnerRead', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }) }));
}

async function seedFrontEnds(url: string, account: string): Promise<void> {
  // CloudFront: the website logs, the firmware downloads distribution does not.
  const cloudfront = motoClient(CloudFrontClient, url, 'us-east-1');
  for (const [name, logged] of [['www', true], ['downloads', false]] as const) {
    await cloudfront.send(new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: `acme-${name}`, Comment: `acme ${name}`, Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: 'assets', DomainName: 'acme-prod-assets.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
        DefaultCacheBehavior: { TargetOriginId: 'assets', ViewerProtocolPolicy: 'redirect-to-https' },
        ...(logged ? { Logging: { Enabled: true, IncludeCookies: false, Bucket: 'acme-cloudtrail-logs.s3.amazonaws.com', Prefix: 'cloudfront/www/' } } : {}),
      },
    }));
  }

  // Application Load Balancers in eu-west-1 (default VPC): the shop logs, internal tools do not.
  const eu = 'eu-west-1';
  const ec2 = motoClient(EC2Client, url, eu);
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets ?? [];
  const defaultSg = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }, { Name: 'vpc-id', Values: [subnets[0]?.VpcId ?? ''] }] }))).SecurityGroups?.[0]?.GroupId ?? '';
  const elbv2 = motoClient(ElasticLoadBalancingV2Client, url, eu);
  for (const [name, logged] of [['acme-shop', true], ['acme-internal-tools', false]] as const) {
    const created = await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Type: 'application', Subnets: subnets.slice(0, 2).map((s) => s.SubnetId ?? ''), SecurityGroups: [defaultSg] }));
    const arn = created.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    if (logged) await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: 'acme-cloudtrail-logs' }] }));
  }

  // Classic Load Balancers in us-east-1 (default VPC): the status page logs, the legacy API does not.
  const home = 'us-east-1';
  const homeEc2 = motoClient(EC2Client, url, home);
  const homeSubnet = (await homeEc2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets?.[0];
  const homeSg = (await homeEc2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }, { Name: 'vpc-id', Values: [homeSubnet?.VpcId ?? ''] }] }))).SecurityGroups?.[0]?.GroupId ?? '';
  const elb = motoClient(ElasticLoadBalancingClient, url, home);
  for (const [name, logged] of [['acme-status', true], ['acme-legacy-api', false]] as const) {
    await elb.send(new CreateClassicCommand({ LoadBalancerName: name, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }], Subnets: [homeSubnet?.SubnetId ?? ''], SecurityGroups: [homeSg] }));
    if (logged) await elb.send(new ModifyClassicCommand({ LoadBalancerName: name, LoadBalancerAttributes: { AccessLog: { Enabled: true, S3BucketName: 'acme-cloudtrail-logs', EmitInterval: 60 } } }));
  }

  // API Gateway REST API in us-east-1: prod logs its access, the test stage does not.
  const rest = motoClient(APIGatewayClient, url, home);
  const apiId = (await rest.send(new CreateRestApiCommand({ name: 'acme-orders-api' }))).id ?? '';
  const root = (await rest.send(new GetResourcesCommand({ restApiId: apiId }))).items?.[0]?.id ?? '';
  await rest.send(new PutMethodCommand({ restApiId: apiId, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
  await rest.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
  for (const stage of ['prod', 'test']) await rest.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: stage }));
  await rest.send(new UpdateStageCommand({
    restApiId: apiId, stageName: 'prod',
    patchOperations: [
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: `arn:aws:logs:${home}:${account}:log-group:acme-api-access` },
      { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId $context.identity.sourceIp $context.status' },
    ],
  }));

  // API Gateway HTTP API in eu-west-1: the live stage logs, $default does not.
  const http = motoClient(ApiGatewayV2Client, url, eu);
  const httpApi = (await http.send(new CreateApiCommand({ Name: 'acme-device-telemetry', ProtocolType: 'HTTP' }))).ApiId ?? '';
  await http.send(new CreateStageCommand({ ApiId: httpApi, StageName: 'live', AccessLogSettings: { DestinationArn: `arn:aws:logs:${eu}:${account}:log-group:acme-telemetry-access`, Format: '$context.requestId $context.status' } }));
  await http.send(new CreateStageCommand({ ApiId: httpApi, StageName: '$default' }));
}
