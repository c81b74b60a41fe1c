/**
 * Security Hub as a source: the findings of every product (Security Hub's own
 * controls, GuardDuty, Inspector, Macie, partners, custom and hubcheck's) read
 * back with GetFindings, for reports, insights, merge and history.
 *
 * Where the findings are read from: the Regions asked for; else, when the
 * account has cross-Region aggregation (ListFindingAggregators), the
 * aggregation Region alone, which holds the linked Regions' findings too; else
 * the home Region. The filters (Security Hub's filter language, as insights
 * use it) are sent to the service and applied again to what comes back: moto
 * ignores them, and the local semantics are the ones `insights` documents.
 */
import {
  GetFindingAggregatorCommand,
  GetFindingsCommand,
  ListFindingAggregatorsCommand,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
} from '@aws-sdk/client-securityhub';
import { compileFilters } from '../asff/filters.js';
import type { SecurityHubApi } from './hub.js';
import { errorCode, errorMessage, withRetry, type RetryPolicy } from './retry.js';

export interface PullOptions {
  /** Regions to read; empty: the aggregation Region, or the home Region. */
  regions: readonly string[];
  homeRegion: string;
  filters: AwsSecurityFindingFilters;
  now: Date;
  /** Stop after this many findings (all when undefined). */
  max?: number;
  retry?: RetryPolicy;
}

export interface PullSource {
  /** Where the findings were read, and why there. */
  regions: string[];
  aggregationRegion?: string;
  /** Why no aggregator was used, when none was found or it could not be read. */
  aggregatorNote?: string;
}

export interface PullResult {
  findings: AwsSecurityFinding[];
  source: PullSource;
  /** Findings GetFindings returned that the filters then excluded (a service that ignores filters). */
  filteredLocally: number;
  truncated: boolean;
}

export type ClientFor = (region: string) => SecurityHubApi;

/** The aggregation Region configured for the account, if any, and why not otherwise. */
export async function aggregationRegion(client: SecurityHubApi, retry?: RetryPolicy): Promise<{ region?: string; note?: string }> {
  try {
    const list = await withRetry(() => client.send(new ListFindingAggregatorsCommand({})), { policy: retry });
    const arn = list.FindingAggregators?.[0]?.FindingAggregatorArn;
    if (!arn) return { note: 'no finding aggregator is configured' };
    const aggregator = await withRetry(() => client.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn })), { policy: retry });
    if (!aggregator.FindingAggregationRegion) return { note: 'the finding aggregator names no aggregation Region' };
    return { region: aggregator.FindingAggregationRegion };
  } catch (error) {
    return { note: `the finding aggregator could not be read (${errorCode(error)}: ${errorMessage(error).split('\n')[0]})` };
  }
}

export async function pullFindings(clientFor: ClientFor, options: PullOptions): Promise<PullResult> {
  const matcher = compileFilters(options.filters, { now: options.now });
  const source: PullSource = { regions: [...options.regions] };
  if (source.regions.length === 0) {
    const aggregation = await aggregationRegion(clientFor(options.homeRegion), options.retry);
    if (aggregation.region) {
      source.aggregationRegion = aggregation.region;
      source.regions = [aggregation.region];
    } else {
      source.aggregatorNote = aggregation.note;
      source.regions = [options.homeRegion];
    }
  }

  const findings: AwsSecurityFinding[] = [];
  const seen = new Set<string>();
  let filteredLocally = 0;
  let truncated = false;
  for (const region of source.regions) {
    const client = clientFor(region);
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await withRetry(
        () => client.send(new GetFindingsCommand({ Filters: options.filters, MaxResults: 100, ...(token ? { NextToken: token } : {}) })),
        { policy: options.retry },
      );
      if (!Array.isArray(page.Findings)) throw new Error(`GetFindings in ${region} answered without a Findings list`);
      for (const finding of page.Findings) {
        if (!matcher.test(finding)) {
          filteredLocally++;
          continue;
        }
        // An aggregation Region returns linked Regions' findings: one copy of each (Id, product).
        const key = `${finding.ProductArn ?? ''}\u0000${finding.Id ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
        if (options.max !== undefined && findings.length >= options.max) {
          truncated = true;
          break;
        }
      }
      nextToken = truncated ? undefined : page.NextToken || undefined;
    } while (nextToken);
    if (truncated) break;
  }
  return { findings, source, filteredLocally, truncated };
}
