/**
 * `hubcheck import`: custom findings from a file into Security Hub.
 *
 * 1. Fill: a finding with no `AwsAccountId` gets the caller's account; one with
 *    no `ProductArn` gets the caller's default product in the target Region
 *    (`--region`, else AWS_REGION / the profile's Region / us-east-1). Only
 *    missing keys are filled; a value that is present is never replaced, even
 *    when it is wrong (validation reports it). The caller's identity
 *    (sts:GetCallerIdentity) is asked for only when some finding needs it.
 * 2. Validate every finding (src/asff/validate.ts), plus what only the whole
 *    file shows: the same (ProductArn, Id) twice, and with an explicit
 *    `--region`, a ProductArn of another Region (a finding can only be sent to
 *    the Region of its ProductArn). Any problem: nothing is sent.
 * 3. Send each finding to the Region of its ProductArn, with DescribeHub first
 *    and the batching, rate limiting and retries of send.ts, and answer as
 *    BatchImportFindings does: { FailedCount, SuccessCount, FailedFindings }.
 */
import pLimit from 'p-limit';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { productArn } from '../asff/to-asff.js';
import { validateFindings, type ValidationIssue } from '../asff/validate.js';
import { hubState, parseProductArn, type SecurityHubApi } from './hub.js';
import type { Identity } from './push.js';
import { RateLimiters, systemClock, type Clock } from './rate-limiter.js';
import type { RetryPolicy } from './retry.js';
import { importFindings, type FailedFinding } from './send.js';

/** Stand-in identity for `--dry-run`, which never calls AWS. */
export const DRY_RUN_IDENTITY: Identity = { account: '000000000000', partition: 'aws' };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether any finding lacks AwsAccountId or ProductArn. */
export function needsIdentity(findings: readonly unknown[]): boolean {
  return findings.some((f) => isObject(f) && (f.AwsAccountId === undefined || f.ProductArn === undefined));
}

/** Fills a missing AwsAccountId / ProductArn from the caller's identity; returns copies and how many were filled. */
export function fillFromIdentity(findings: readonly unknown[], identity: Identity, region: string): { findings: unknown[]; filled: number } {
  let filled = 0;
  const out = findings.map((f) => {
    if (!isObject(f) || (f.AwsAccountId !== undefined && f.ProductArn !== undefined)) return f;
    filled++;
    return {
      ...f,
      ...(f.AwsAccountId === undefined ? { AwsAccountId: identity.account } : {}),
      ...(f.ProductArn === undefined ? { ProductArn: productArn(identity.partition, region, identity.account) } : {}),
    };
  });
  return { findings: out, filled };
}

/**
 * Validation of a whole file (one finding or an array): each finding, the same
 * (ProductArn, Id) twice, and with `--region`, a ProductArn of another Region.
 */
export function validateImport(input: unknown, explicitRegion: string | undefined): ValidationIssue[] {
  const issues = validateFindings(input).issues;
  const list = Array.isArray(input) ? input : [input];
  const root = (i: number) => (Array.isArray(input) ? `$[${i}]` : '$');
  const seen = new Map<string, number>();
  list.forEach((f, i) => {
    if (!isObject(f) || typeof f.Id !== 'string' || typeof f.ProductArn !== 'string') return;
    const key = `${f.ProductArn}\n${f.Id}`;
    const first = seen.get(key);
    if (first !== undefined) issues.push({ path: `${root(i)}.Id`, message: `repeats the Id of ${root(first)} under the same ProductArn` });
    else seen.set(key, i);
    const region = parseProductArn(f.ProductArn)?.region;
    if (explicitRegion && region && region !== explicitRegion) {
      issues.push({
        path: `${root(i)}.ProductArn`,
        message: `is in ${region} but --region is ${explicitRegion}: a finding can only be sent to the Region of its ProductArn`,
      });
    }
  });
  return issues;
}

export interface ImportResult {
  FailedCount: number;
  SuccessCount: number;
  FailedFindings: FailedFinding[];
}

export interface ImportDeps {
  client(region: string): SecurityHubApi;
  /** The caller's account, when known; else each Region's findings' own AwsAccountId (for rate-limit keys and messages). */
  account?: string;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  limiters?: RateLimiters;
  /** One line per Region that could not be reached. */
  warn?: (line: string) => void;
}

/** Sends valid findings, each to the Region of its ProductArn. */
export async function sendImport(findings: readonly AwsSecurityFinding[], deps: ImportDeps): Promise<ImportResult> {
  const byRegion = new Map<string, AwsSecurityFinding[]>();
  for (const f of findings) {
    const region = parseProductArn(f.ProductArn)?.region ?? '';
    byRegion.set(region, [...(byRegion.get(region) ?? []), f]);
  }
  const limiters = deps.limiters ?? new RateLimiters(deps.clock ?? systemClock);
  const failures = new Map<AwsSecurityFinding, FailedFinding>();
  let success = 0;
  const limit = pLimit(4);
  await Promise.all(
    [...byRegion].map(([region, list]) =>
      limit(async () => {
        const client = deps.client(region);
        const account = deps.account ?? list[0]?.AwsAccountId ?? 'unknown';
        const ctx = { account, region, limiters, clock: deps.clock, retry: deps.retry, random: deps.random };
        const hub = await hubState(client, ctx);
        if (!hub.enabled) {
          const message = hub.notEnabled
            ? `Security Hub is not enabled in ${region} for account ${account} (${hub.code}: ${hub.message})`
            : `cannot check Security Hub in ${region}: ${hub.code}: ${hub.message}`;
          deps.warn?.(`${message}; ${list.length} finding${list.length === 1 ? '' : 's'} not sent`);
          for (const f of list) failures.set(f, { Id: f.Id ?? '', ErrorCode: hub.notEnabled ? 'InvalidAccess' : hub.code, ErrorMessage: message });
          return;
        }
        const result = await importFindings(client, list, {
          bucket: limiters.securityHub(account, region, 'BatchImportFindings'),
          clock: deps.clock,
          retry: deps.retry,
          random: deps.random,
        });
        success += result.imported.length;
        for (const { finding, error } of result.failed) failures.set(finding, error);
      }),
    ),
  );
  // In the order of the file.
  const failed = findings.flatMap((f) => {
    const failure = failures.get(f);
    return failure ? [failure] : [];
  });
  return { FailedCount: failed.length, SuccessCount: success, FailedFindings: failed };
}
