import { expect } from 'vitest';
import rule from '../../../rules/apigateway/apigateway-http-stage-access-logging-enabled.js';
import type { StageLogging } from '../../../src/data/apigateway.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const LOG_GROUP = `arn:aws:logs:eu-west-1:${TEST_ACCOUNT}:log-group:http-access`;
const stageArn = (api: string, stage: string, region = 'us-east-1') => `arn:aws:apigateway:${region}::/apis/${api}/stages/${stage}`;
type Stages = StageLogging[] | null | ReturnType<typeof denied>;
const apis = (byId: Record<string, Stages>, websockets: string[] = []) => ({
  'apigateway.v2Apis': [
    ...Object.keys(byId).map((id) => ({ id, name: `api-${id}`, protocol: 'HTTP' })),
    ...websockets.map((id) => ({ id, name: `ws-${id}`, protocol: 'WEBSOCKET' })),
  ],
  'apigateway.v2Stages': ([id]: unknown[]) => byId[String(id)],
});

testRule(rule, {
  passed: [
    {
      name: 'the $default stage logs; WebSocket APIs are not read',
      fixture: apis({ h1: [{ stageName: '$default', accessLogDestination: LOG_GROUP }] }, ['w1']),
      options: { regions: ['eu-west-1'] },
      results: { resource: stageArn('h1', '$default', 'eu-west-1'), reasonCode: 'ACCESS_LOGGING_ENABLED' },
      check: ({ source, findings }) => {
        expect(source.reads.filter((r) => r.id === 'apigateway.v2Stages').map((r) => r.args[0])).toEqual(['h1']);
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsApiGatewayV2Stage', Region: 'eu-west-1' });
      },
    },
  ],
  failed: [
    {
      name: 'a stage without access logs; an API gone since listed has no finding',
      fixture: apis({ h2: [{ stageName: 'dev', accessLogDestination: null }], gone: null }),
      options: { benchmarks: ['5.0.0', '7.0.0'] },
      results: { resource: stageArn('h2', 'dev'), reasonCode: 'ACCESS_LOGGING_DISABLED', reason: 'HTTP API api-h2 (h2) stage dev has access logging off' },
      check: ({ findings }) => expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/4.10']),
    },
  ],
  notAvailable: [
    {
      name: 'the APIs cannot be listed',
      fixture: { 'apigateway.v2Apis': denied('apigateway:GET') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'apigateway:GET' },
    },
    {
      name: "one API's stages cannot be read: the API is NOT_AVAILABLE",
      fixture: apis({ h3: denied('apigateway:GET', 'us-east-1', 'service-error') }),
      results: { resource: 'arn:aws:apigateway:us-east-1::/apis/h3', reasonCode: 'DATA_UNAVAILABLE', action: 'apigateway:GET' },
    },
  ],
});
