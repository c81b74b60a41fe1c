/**
 * API Gateway reads: REST APIs and their stages (API Gateway v1), HTTP APIs
 * and their stages (API Gateway v2). API Gateway authorises every read with
 * the one IAM action `apigateway:GET` on the resource path.
 */
import { collect, defineAccessor, errorName } from './accessor.js';
import { requiredList, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const apiGatewaySdk = () => import('@aws-sdk/client-api-gateway');
const apigatewayv2Sdk = () => import('@aws-sdk/client-apigatewayv2');

export interface ApiSummary {
  id: string;
  name: string;
  /** REST for v1 APIs; HTTP or WEBSOCKET for v2 APIs. */
  protocol: string;
}

export interface StageLogging {
  stageName: string;
  /** Where access logs go (a CloudWatch Logs group or Firehose ARN); null when access logging is off. */
  accessLogDestination: string | null;
}

const GET = 'apigateway:GET';

export const apigateway = {
  /** The Region's REST APIs (GetRestApis, paginated), sorted by id. */
  restApis: defineAccessor({
    actions: [GET],
    async fetch(ctx): Promise<ApiSummary[]> {
      const { APIGatewayClient, paginateGetRestApis } = await apiGatewaySdk();
      const listed = await collect(paginateGetRestApis({ client: ctx.client(APIGatewayClient) }, { limit: 500 }), 'items', GET);
      return listed.map((a) => ({ id: requiredString(a.id, 'id', GET), name: a.name ?? '', protocol: 'REST' })).sort((a, b) => a.id.localeCompare(b.id));
    },
  }),

  /** A REST API's stages (GetStages); null when the API is gone. */
  restStages: defineAccessor({
    actions: [GET],
    async fetch(ctx, restApiId: string): Promise<StageLogging[] | null> {
      const { APIGatewayClient, GetStagesCommand } = await apiGatewaySdk();
      try {
        const out = await ctx.client(APIGatewayClient).send(new GetStagesCommand({ restApiId }));
        return requiredList(out.item, 'item', GET)
          .map((s) => ({ stageName: requiredString(s.stageName, 'stageName', GET), accessLogDestination: s.accessLogSettings?.destinationArn || null }))
          .sort((a, b) => a.stageName.localeCompare(b.stageName));
      } catch (error) {
        if (errorName(error) === 'NotFoundException') return null;
        throw error;
      }
    },
  }),

  /** The Region's v2 APIs, HTTP and WebSocket (GetApis, paginated by NextToken), sorted by id. */
  v2Apis: defineAccessor({
    actions: [GET],
    async fetch(ctx): Promise<ApiSummary[]> {
      const { ApiGatewayV2Client, GetApisCommand } = await apigatewayv2Sdk();
      const all: ApiSummary[] = [];
      let token: string | undefined;
      do {
        const out = await ctx.client(ApiGatewayV2Client).send(new GetApisCommand({ MaxResults: '500', ...(token ? { NextToken: token } : {}) }));
        for (const a of requiredList(out.Items, 'Items', GET)) all.push({ id: requiredString(a.ApiId, 'ApiId', GET), name: a.Name ?? '', protocol: a.ProtocolType ?? 'HTTP' });
        token = out.NextToken || undefined;
      } while (token);
      return all.sort((a, b) => a.id.localeCompare(b.id));
    },
  }),

  /** A v2 API's stages (GetStages, paginated by NextToken); null when the API is gone. */
  v2Stages: defineAccessor({
    actions: [GET],
    async fetch(ctx, apiId: string): Promise<StageLogging[] | null> {
      const { ApiGatewayV2Client, GetStagesCommand: GetV2StagesCommand } = await apigatewayv2Sdk();
      const all: StageLogging[] = [];
      let token: string | undefined;
      try {
        do {
          const out = await ctx.client(ApiGatewayV2Client).send(new GetV2StagesCommand({ ApiId: apiId, MaxResults: '500', ...(token ? { NextToken: token } : {}) }));
          for (const s of requiredList(out.Items, 'Items', GET)) {
            all.push({ stageName: requiredString(s.StageName, 'StageName', GET), accessLogDestination: s.AccessLogSettings?.DestinationArn || null });
          }
          token = out.NextToken || undefined;
        } while (token);
      } catch (error) {
        if (errorName(error) === 'NotFoundException') return null;
        throw error;
      }
      return all.sort((a, b) => a.stageName.localeCompare(b.stageName));
    },
  }),
};
