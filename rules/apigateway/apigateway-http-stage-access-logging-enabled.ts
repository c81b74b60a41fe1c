import { defineRule } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES } from '../lib/access-logging.js';
import { judgeApiStages } from '../lib/api-stages.js';
import { ruleDocRemediation } from '../lib/remediation.js';

export default defineRule({
  id: 'apigateway-http-stage-access-logging-enabled',
  title: 'API Gateway HTTP API stages should have access logging enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '4.10' },
  scope: 'region',
  resourceType: 'AwsApiGatewayV2Stage',
  requiredActions: ['apigateway:GET'],
  reasonCodes: ACCESS_LOGGING_REASON_CODES,
  remediation: ruleDocRemediation(
    'apigateway',
    'apigateway-http-stage-access-logging-enabled',
    'Send the stage\'s access logs to a CloudWatch Logs group: aws apigatewayv2 update-stage --api-id <id> --stage-name <stage> --access-log-settings DestinationArn=<log-group-arn>,Format=<format>.',
  ),
  async evaluate({ data, region, partition }) {
    const apiArn = (id: string) => `arn:${partition}:apigateway:${region}::/apis/${id}`;
    // WebSocket APIs are not web front ends in the sense of 4.10 (which names HTTP APIs).
    const httpApis = (await data.apigateway.v2Apis()).filter((api) => api.protocol === 'HTTP');
    return judgeApiStages(httpApis, {
      apiResource: (api) => ({ type: 'AwsApiGatewayV2Api', id: apiArn(api.id), name: api.name || api.id }),
      stageResource: (api, stage) => ({
        type: 'AwsApiGatewayV2Stage',
        id: `${apiArn(api.id)}/stages/${stage.stageName}`,
        name: `${api.name || api.id}/${stage.stageName}`,
        details: { AwsApiGatewayV2Stage: { StageName: stage.stageName } },
      }),
      label: (api, stage) => `HTTP API ${api.name || api.id} (${api.id}) stage ${stage.stageName}`,
      stages: (api) => data.apigateway.v2Stages(api.id),
    });
  },
});
