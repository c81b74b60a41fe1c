/**
 * CIS v7.0.0 4.10 end to end: moto serves CloudFront distributions, Application
 * and Classic Load Balancers, API Gateway REST and HTTP API stages with their
 * logging settings. Per resource type, one with access logging on (PASSED) and
 * one with it off (FAILED), scanned by the built CLI.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand as CreateClassicCommand, ElasticLoadBalancingClient, ModifyLoadBalancerAttributesCommand as ModifyClassicCommand } from '@aws-sdk/client-elastic-load-balancing';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, resetMoto, runCli } from './moto.js';

const RULES = [
  'apigateway-http-stage-access-logging-enabled',
  'apigateway-rest-stage-access-logging-enabled',
  'cloudfront-distribution-access-logging-enabled',
  'elb-application-load-balancer-access-logging-enabled',
  'elb-classic-load-balancer-access-logging-enabled',
];
const REGION = 'us-east-1';
const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:api-access`;

describeMoto('access logging on web front ends (CIS v7.0.0 4.10) against moto', () => {
  let findings: AwsSecurityFinding[] = [];
  let code = -1;
  const expected: Record<string, string> = {};
  const status = (on: boolean) => (on ? 'PASSED' : 'FAILED');

  beforeAll(async () => {
    await resetMoto();
    const cloudfront = client(CloudFrontClient);
    for (const on of [true, false]) {
      const d = await cloudfront.send(new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `al-${on}`, Comment: '', Enabled: true,
          Origins: { Quantity: 1, Items: [{ Id: 'o', DomainName: 'site.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
          DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'redirect-to-https' },
          ...(on ? { Logging: { Enabled: true, IncludeCookies: false, Bucket: 'cf-logs.s3.amazonaws.com', Prefix: 'cf/' } } : {}),
        },
      }));
      expected[d.Distribution!.ARN!] = status(on);
    }

    const ec2 = client(EC2Client, REGION);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    const subnets = await Promise.all(['a', 'b'].map(async (az, i) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.20.${i}.0/24`, AvailabilityZone: `${REGION}${az}` }))).Subnet!.SubnetId!));
    const elbv2 = client(ElasticLoadBalancingV2Client, REGION);
    for (const on of [true, false]) {
      const arn = (await elbv2.send(new CreateLoadBalancerCommand({ Name: `alb-${on ? 'logged' : 'dark'}`, Subnets: subnets, Type: 'application' }))).LoadBalancers![0]!.LoadBalancerArn!;
      if (on) await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: 'alb-logs' }] }));
      expected[arn] = status(on);
    }
    // A Network Load Balancer is no web front end: no finding.
    await elbv2.send(new CreateLoadBalancerCommand({ Name: 'nlb-tcp', Subnets: subnets, Type: 'network' }));

    const elb = client(ElasticLoadBalancingClient, REGION);
    for (const on of [true, false]) {
      const name = `clb-${on ? 'logged' : 'dark'}`;
      await elb.send(new CreateClassicCommand({ LoadBalancerName: name, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], AvailabilityZones: [`${REGION}a`] }));
      if (on) await elb.send(new ModifyClassicCommand({ LoadBalancerName: name, LoadBalancerAttributes: { AccessLog: { Enabled: true, S3BucketName: 'clb-logs', EmitInterval: 60 } } }));
      expected[`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${name}`] = status(on);
    }

    const rest = client(APIGatewayClient, REGION);
    const api = (await rest.send(new CreateRestApiCommand({ name: 'shop' }))).id!;
    const root = (await rest.send(new GetResourcesCommand({ restApiId: api }))).items![0]!.id!;
    await rest.send(new PutMethodCommand({ restApiId: api, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    await rest.send(new PutIntegrationCommand({ restApiId: api, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
    for (const on of [true, false]) {
      const stage = on ? 'prod' : 'test';
      await rest.send(new CreateDeploymentCommand({ restApiId: api, stageName: stage }));
      if (on) {
        await rest.send(new UpdateStageCommand({
          restApiId: api, stageName: stage,
          patchOperations: [{ op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_GROUP }, { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' }],
        }));
      }
      expected[`arn:aws:apigateway:${REGION}::/restapis/${api}/stages/${stage}`] = status(on);
    }

    const http = client(ApiGatewayV2Client, REGION);
    const httpApi = (await http.send(new CreateApiCommand({ Name: 'web', ProtocolType: 'HTTP' }))).ApiId!;
    for (const on of [true, false]) {
      const stage = on ? 'live' : 'dev';
      await http.send(new CreateStageCommand({ ApiId: httpApi, StageName: stage, ...(on ? { AccessLogSettings: { DestinationArn: LOG_GROUP, Format: '$context.requestId' } } : {}) }));
      expected[`arn:aws:apigateway:${REGION}::/apis/${httpApi}/stages/${stage}`] = status(on);
    }

    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-access-logging-'));
    const result = await runCli(['scan', '--regions', REGION, '--benchmark', 'cis-5.0.0', '--benchmark', 'cis-7.0.0', '--rules', RULES.join(','), '--output-dir', dir, '--no-progress']);
    code = result.code;
    findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  });

  it('passes the front ends that log and fails those that do not, per resource type', () => {
    expect(code).toBe(1);
    const got = Object.fromEntries(findings.map((f) => [f.Resources?.[0]?.Id, f.Compliance?.Status]));
    expect(got).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(10);
    for (const f of findings) expect(f.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/4.10']);
    expect(new Set(findings.map((f) => f.ProductFields?.['hubcheck/RuleId']))).toEqual(new Set(RULES));
  });
});
