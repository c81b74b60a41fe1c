/**
 * Reads from one Region's Security Hub: whether it is enabled (DescribeHub) and
 * which findings of hubcheck's product it holds (GetFindings), each call
 * rate-limited and retried.
 */
import { DescribeHubCommand, GetFindingsCommand, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { productArn } from '../asff/to-asff.js';
import type { Clock, RateLimiters } from './rate-limiter.js';
import { errorCode, errorMessage, withRetry, type RetryPolicy } from './retry.js';

export type SecurityHubApi = Pick<SecurityHubClient, 'send'>;

export interface CallContext {
  account: string;
  region: string;
  limiters: RateLimiters;
  clock?: Clock;
  retry?: RetryPolicy;
  random?: () => number;
}

export type HubState =
  | { enabled: true }
  | { enabled: false; notEnabled: boolean; code: string; message: string };

/** Codes DescribeHub answers with when Security Hub is not enabled in the account and Region. */
const NOT_ENABLED_CODES = new Set(['InvalidAccessException', 'ResourceNotFoundException']);

export async function hubState(client: SecurityHubApi, ctx: CallContext): Promise<HubState> {
  try {
    await withRetry(
      async () => {
        await ctx.limiters.securityHub(ctx.account, ctx.region, 'default').take();
        return client.send(new DescribeHubCommand({}));
      },
      { policy: ctx.retry, clock: ctx.clock, random: ctx.random },
    );
    return { enabled: true };
  } catch (error) {
    const code = errorCode(error);
    return { enabled: false, notEnabled: NOT_ENABLED_CODES.has(code), code, message: errorMessage(error) };
  }
}

/** `arn:<partition>:securityhub:<region>:<account>:product/...` -> its Region and account, or undefined. */
export function parseProductArn(arn: string | undefined): { partition: string; region: string; account: string } | undefined {
  const match = /^arn:([a-z-]+):securityhub:([a-z0-9-]+):(\d{12})?:product\//.exec(arn ?? '');
  if (!match) return undefined;
  return { partition: match[1] ?? '', region: match[2] ?? '', account: match[3] ?? '' };
}

/**
 * The ACTIVE findings of hubcheck's scan rules that Security Hub holds in this
 * account and Region, under the account's default product. The filters are
 * sent (ProductArn, AwsAccountId, RecordState, Region, GeneratorId prefix) and
 * checked again on the results: moto ignores GetFindings filters, and with
 * cross-Region aggregation an aggregation Region also returns linked Regions'
 * findings. `Region` is checked only where the service set it.
 */
export async function activeProductFindings(client: SecurityHubApi, ctx: CallContext & { partition: string }): Promise<AwsSecurityFinding[]> {
  const arn = productArn(ctx.partition, ctx.region, ctx.account);
  const found: AwsSecurityFinding[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await withRetry(
      async () => {
        await ctx.limiters.securityHub(ctx.account, ctx.region, 'GetFindings').take();
        return client.send(
          new GetFindingsCommand({
            Filters: {
              ProductArn: [{ Comparison: 'EQUALS', Value: arn }],
              AwsAccountId: [{ Comparison: 'EQUALS', Value: ctx.account }],
              RecordState: [{ Comparison: 'EQUALS', Value: 'ACTIVE' }],
              Region: [{ Comparison: 'EQUALS', Value: ctx.region }],
              GeneratorId: [{ Comparison: 'PREFIX', Value: 'hubcheck/' }],
            },
            MaxResults: 100,
            ...(token ? { NextToken: token } : {}),
          }),
        );
      },
      { policy: ctx.retry, clock: ctx.clock, random: ctx.random },
    );
    for (const f of page.Findings ?? []) {
      if (
        f.ProductArn === arn &&
        f.AwsAccountId === ctx.account &&
        (f.RecordState ?? 'ACTIVE') === 'ACTIVE' &&
        (f.Region === undefined || f.Region === ctx.region) &&
        f.GeneratorId?.startsWith('hubcheck/')
      ) {
        found.push(f);
      }
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return found;
}
