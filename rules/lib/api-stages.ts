/**
 * CIS v7.0.0 4.10 for API Gateway: every stage of every API gets a result,
 * judged by rules/lib/access-logging.ts. When an API's stages cannot be read,
 * the API itself is NOT_AVAILABLE (naming the action); an API gone since it
 * was listed gets no result.
 */
import type { ApiSummary, StageLogging } from '../../src/data/apigateway.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, unavailable, type ResourceRef, type RuleResult } from '../../src/engine/rule.js';
import { judgeAccessLogging } from './access-logging.js';

export interface StageReader {
  /** The API as a resource (for a NOT_AVAILABLE result when its stages cannot be read). */
  apiResource(api: ApiSummary): ResourceRef;
  stageResource(api: ApiSummary, stage: StageLogging): ResourceRef;
  /** "REST API shop (abc123) stage prod" */
  label(api: ApiSummary, stage: StageLogging): string;
  stages(api: ApiSummary): Promise<StageLogging[] | null>;
}

export async function judgeApiStages(apis: readonly ApiSummary[], reader: StageReader): Promise<RuleResult[]> {
  const perApi = await Promise.all(
    apis.map(async (api): Promise<RuleResult[]> => {
      const stages = await attempt(reader.stages(api));
      if (stages instanceof DataUnavailable) return [unavailable(reader.apiResource(api), stages)];
      if (stages === null) return [];
      return stages.map((stage) => judgeAccessLogging(reader.stageResource(api, stage), reader.label(api, stage), { destination: stage.accessLogDestination }));
    }),
  );
  return perApi.flat();
}
