/**
 * Pushes a scan's findings to Security Hub, Region by Region, with the
 * lifecycle of lifecycle.ts. Every finding is accounted for: imported, or in
 * `unsent` with the reason.
 *
 * Per (account, Region), the Region taken from each finding's ProductArn
 * (account-wide findings already carry the home Region):
 *  1. DescribeHub. Not enabled (or not readable): the Region's findings are
 *     unsent, the other Regions go on.
 *  2. GetFindings: the ACTIVE findings hubcheck's rules left there before.
 *     When they cannot be read the Region is not pushed either: sending without
 *     them would reset every FirstObservedAt and skip archiving.
 *  3. Plan (keep CreatedAt/FirstObservedAt, newer UpdatedAt, archive what the
 *     clean part of this run no longer produced), validate locally, send.
 *  4. Workflow (workflow.ts): the imported findings a suppression accepts are
 *     set to SUPPRESSED, those whose suppression is gone back to NEW.
 *
 * Findings of another account than the caller's cannot go to the default
 * product (Security Hub accepts only the caller's own): they are unsent.
 */
import pLimit from 'p-limit';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { validateFinding } from '../asff/validate.js';
import { activeProductFindings, hubState, parseProductArn, type CallContext, type SecurityHubApi } from './hub.js';
import { planRegion, type Coverage, type PlannedFinding } from './lifecycle.js';
import { RateLimiters, systemClock, type Clock } from './rate-limiter.js';
import { errorCode, errorMessage, type RetryPolicy } from './retry.js';
import { importFindings, type FailedFinding } from './send.js';
import { planWorkflow, updateWorkflow, type WorkflowFailure } from './workflow.js';

export interface Identity {
  account: string;
  partition: string;
}

export interface PushDeps {
  client(region: string): SecurityHubApi;
  identity(): Promise<Identity>;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  limiters?: RateLimiters;
  /** The push time (floor of every UpdatedAt of an update). */
  now?: () => Date;
  /** Regions handled at once. */
  regionConcurrency?: number;
  /** Requests in flight at once per Region. */
  requestConcurrency?: number;
  onRetry?: (region: string, what: string, code: string, retry: number, delayMs: number) => void;
}

export interface PushInput {
  findings: readonly AwsSecurityFinding[];
  coverage: Coverage;
  /** (account, Region) pairs to check for stale findings even where this run produced none: the scanned Regions. */
  scopes: readonly { account: string; region: string }[];
  observedAt: string;
}

export interface RegionOutcome {
  account: string;
  region: string;
  /** pushed: the Region was reached (some findings may still have failed). */
  state: 'pushed' | 'not-enabled' | 'unreachable';
  /** Why the Region was not pushed. */
  reason?: string;
  sent: number;
  failed: number;
  archived: number;
  resolved: number;
  /** Ids this run produced twice (only the first was sent). */
  duplicates: string[];
  /** Suppressions as workflow, when there was any to set or keep. */
  workflow?: { suppressed: number; reopened: number; leftAlone: number; failed: number };
}

/** A workflow change BatchUpdateFindings did not make. */
export interface WorkflowMiss extends WorkflowFailure {
  account: string;
  region: string;
}

export interface UnsentFinding {
  finding: AwsSecurityFinding;
  error: FailedFinding;
  region: string;
}

export interface PushResult {
  account?: string;
  regions: RegionOutcome[];
  unsent: UnsentFinding[];
  /** Workflow changes (suppressions) that could not be made. */
  workflowMissed?: WorkflowMiss[];
  /** A problem that stopped the whole push (no identity). */
  fatal?: string;
}

export async function pushFindings(input: PushInput, deps: PushDeps): Promise<PushResult> {
  let identity: Identity;
  try {
    identity = await deps.identity();
  } catch (error) {
    const reason = `cannot determine the caller's account (${errorCode(error)}): ${errorMessage(error)}`;
    return {
      regions: [],
      unsent: input.findings.map((finding) => ({
        finding,
        region: parseProductArn(finding.ProductArn)?.region ?? '',
        error: { Id: finding.Id ?? '', ErrorCode: errorCode(error), ErrorMessage: reason },
      })),
      fatal: reason,
    };
  }

  const unsent: UnsentFinding[] = [];
  const missed: WorkflowMiss[] = [];
  const byRegion = new Map<string, AwsSecurityFinding[]>();
  for (const scope of input.scopes) if (scope.account === identity.account) byRegion.set(scope.region, []);
  for (const finding of input.findings) {
    const arn = parseProductArn(finding.ProductArn);
    if (!arn) {
      unsent.push({ finding, region: '', error: { Id: finding.Id ?? '', ErrorCode: 'InvalidInput', ErrorMessage: `ProductArn ${String(finding.ProductArn)} is not a Security Hub product ARN` } });
    } else if (arn.account !== identity.account || finding.AwsAccountId !== identity.account) {
      unsent.push({
        finding,
        region: arn.region,
        error: {
          Id: finding.Id ?? '',
          ErrorCode: 'AccountMismatch',
          ErrorMessage: `finding of account ${finding.AwsAccountId}: the credentials are account ${identity.account}'s, and Security Hub's default product accepts only the caller's own findings`,
        },
      });
    } else {
      const list = byRegion.get(arn.region) ?? [];
      list.push(finding);
      byRegion.set(arn.region, list);
    }
  }

  const limiters = deps.limiters ?? new RateLimiters(deps.clock ?? systemClock);
  const limit = pLimit(deps.regionConcurrency ?? 4);
  const outcomes = await Promise.all(
    [...byRegion].sort(([a], [b]) => a.localeCompare(b)).map(([region, findings]) =>
      limit(() => pushRegion(region, findings, identity, input, deps, limiters, { unsent, missed })),
    ),
  );
  return { account: identity.account, regions: outcomes, unsent, ...(missed.length > 0 ? { workflowMissed: missed } : {}) };
}

async function pushRegion(
  region: string,
  findings: AwsSecurityFinding[],
  identity: Identity,
  input: PushInput,
  deps: PushDeps,
  limiters: RateLimiters,
  { unsent, missed }: { unsent: UnsentFinding[]; missed: WorkflowMiss[] },
): Promise<RegionOutcome> {
  const outcome: RegionOutcome = { account: identity.account, region, state: 'pushed', sent: 0, failed: 0, archived: 0, resolved: 0, duplicates: [] };
  const client = deps.client(region);
  const ctx: CallContext = { account: identity.account, region, limiters, clock: deps.clock, retry: deps.retry, random: deps.random };
  const giveUp = (state: RegionOutcome['state'], code: string, message: string): RegionOutcome => {
    for (const finding of findings) unsent.push({ finding, region, error: { Id: finding.Id ?? '', ErrorCode: code, ErrorMessage: message } });
    return { ...outcome, state, reason: `${code}: ${message}`, failed: findings.length };
  };

  const hub = await hubState(client, ctx);
  if (!hub.enabled) return giveUp(hub.notEnabled ? 'not-enabled' : 'unreachable', hub.code, hub.message);

  let existing: AwsSecurityFinding[];
  try {
    existing = await activeProductFindings(client, { ...ctx, partition: identity.partition });
  } catch (error) {
    return giveUp('unreachable', errorCode(error), `cannot read the findings already in Security Hub (GetFindings): ${errorMessage(error)}`);
  }

  const plan = planRegion({
    account: identity.account,
    region,
    current: findings,
    existing,
    coverage: input.coverage,
    now: deps.now?.() ?? new Date(),
    observedAt: input.observedAt,
  });
  outcome.duplicates = plan.duplicates;

  const valid: PlannedFinding[] = [];
  for (const planned of plan.findings) {
    const issue = validateFinding(planned.finding)[0];
    if (issue) {
      unsent.push({
        finding: planned.finding,
        region,
        error: { Id: planned.finding.Id ?? '', ErrorCode: 'InvalidInput', ErrorMessage: `not sent, fails local validation: ${issue.path}: ${issue.message}` },
      });
      outcome.failed++;
    } else {
      valid.push(planned);
    }
  }

  const byId = new Map(valid.map((p) => [p.finding.Id ?? '', p]));
  const result = await importFindings(
    client,
    valid.map((p) => p.finding),
    {
      bucket: limiters.securityHub(identity.account, region, 'BatchImportFindings'),
      clock: deps.clock,
      retry: deps.retry,
      random: deps.random,
      concurrency: deps.requestConcurrency,
      onRetry: (what, code, retry, delay) => deps.onRetry?.(region, what, code, retry, delay),
    },
  );
  for (const finding of result.imported) {
    const planned = byId.get(finding.Id ?? '');
    if (planned?.kind === 'archive') outcome.archived++;
    else outcome.sent++;
    if (planned?.resolves) outcome.resolved++;
  }
  for (const { finding, error } of result.failed) unsent.push({ finding, region, error });
  outcome.failed += result.failed.length;

  // Suppressions as workflow, on what this run imported (the local copies carry the suppression).
  const local = new Map(findings.map((f) => [f.Id ?? '', f]));
  const imported = result.imported.filter((f) => byId.get(f.Id ?? '')?.kind === 'current').map((f) => local.get(f.Id ?? '') ?? f);
  const workflow = planWorkflow(imported, existing);
  if (workflow.updates.length > 0 || workflow.leftAlone.length > 0) {
    const done = await updateWorkflow(client, workflow, {
      bucket: limiters.securityHub(identity.account, region, 'BatchUpdateFindings'),
      clock: deps.clock,
      retry: deps.retry,
      random: deps.random,
      onRetry: (what, code, retry, delay) => deps.onRetry?.(region, what, code, retry, delay),
    });
    outcome.workflow = { suppressed: done.suppressed, reopened: done.reopened, leftAlone: done.leftAlone, failed: done.failed.length };
    for (const miss of done.failed) missed.push({ ...miss, account: identity.account, region });
  }
  return outcome;
}
