/** IAM Access Analyzer reads. Analyzers are regional: each Region answers for itself. */
import { collect, defineAccessor } from './accessor.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const accessanalyzerSdk = () => import('@aws-sdk/client-accessanalyzer');

export interface AnalyzerInfo {
  arn: string;
  name: string;
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ... */
  type: string;
  /** ACTIVE, CREATING, DISABLED or FAILED. */
  status: string;
  statusReason: string | null;
}

export const accessanalyzer = {
  /** Every analyzer of the Region, of every type. */
  analyzers: defineAccessor({
    actions: ['access-analyzer:ListAnalyzers'],
    async fetch(ctx): Promise<AnalyzerInfo[]> {
      const { AccessAnalyzerClient, paginateListAnalyzers } = await accessanalyzerSdk();
      const list = await collect(paginateListAnalyzers({ client: ctx.client(AccessAnalyzerClient) }, {}), 'analyzers', 'access-analyzer:ListAnalyzers');
      return list
        .map((a) => ({
          arn: a.arn ?? '',
          name: a.name ?? '',
          type: a.type ?? '',
          status: a.status ?? '',
          statusReason: a.statusReason?.code ?? null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  }),
};
