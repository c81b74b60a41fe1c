import { expect } from 'vitest';
import rule from '../../../rules/apigateway/apigateway-rest-stage-access-logging-enabled.js';
import type { StageLogging } from '../../../src/data/apigateway.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const LOG_GROUP = `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:api-access`;
const stageArn = (api: string, stage: string, region = 'us-east-1') => `arn:aws:apigateway:${region}::/restapis/${api}/stages/${stage}`;
const apis = (byId: Record<string, StageLogging[] | null | ReturnType<typeof denied>>) => ({
  'apigateway.restApis': Object.keys(byId).map((id) => ({ id, name: `shop-${id}`, protocol: 'REST' })),
  'apigateway.restStages': ([id]: unknown[]) => byId[String(id)],
});

testRule(rule, {
  passed: [
    {
      name: 'every stage logs; an API gone since listed, and one with no stage, have no finding',
      fixture: apis({ a1: [{ stageName: 'prod', accessLogDestination: LOG_GROUP }], gone: null, empty: [] }),
      results: { resource: stageArn('a1', 'prod'), reasonCode: 'ACCESS_LOGGING_ENABLED', evidence: { accessLogDestination: LOG_GROUP } },
      check: ({ findings }) => expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsApiGatewayStage', Details: { AwsApiGatewayStage: { StageName: 'prod' } } }),
    },
  ],
  failed: [
    {
      name: 'one stage of an API without access logs',
      fixture: apis({ a2: [{ stageName: 'prod', accessLogDestination: LOG_GROUP }, { stageName: 'test', accessLogDestination: null }] }),
      options: { benchmarks: ['7.0.0'] },
      results: [
        { status: 'PASSED', resource: stageArn('a2', 'prod'), reasonCode: 'ACCESS_LOGGING_ENABLED' },
        { resource: stageArn('a2', 'test'), reasonCode: 'ACCESS_LOGGING_DISABLED', reason: 'REST API shop-a2 (a2) stage test has access logging off' },
      ],
    },
  ],
  notAvailable: [
    {
      name: 'the APIs cannot be listed',
      fixture: { 'apigateway.restApis': denied('apigateway:GET') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'apigateway:GET' },
    },
    {
      name: "one API's stages cannot be read: the API is NOT_AVAILABLE",
      fixture: apis({ a3: denied('apigateway:GET'), a4: [{ stageName: 'v1', accessLogDestination: null }] }),
      results: [
        { resource: 'arn:aws:apigateway:us-east-1::/restapis/a3', reasonCode: 'ACCESS_DENIED', action: 'apigateway:GET' },
        { status: 'FAILED', resource: stageArn('a4', 'v1'), reasonCode: 'ACCESS_LOGGING_DISABLED' },
      ],
      check: ({ findings }) => expect(findings.find((f) => f.Compliance?.Status === 'NOT_AVAILABLE')?.Resources?.[0]?.Type).toBe('AwsApiGatewayRestApi'),
    },
  ],
});
