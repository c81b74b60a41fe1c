/**
 * Suppressions as Security Hub workflow. After a Region's import, a finding the
 * suppressions file accepts is set to `Workflow.Status SUPPRESSED` with a Note
 * (reason, owner, expiry, entry) by BatchUpdateFindings; when its suppression
 * is removed or has expired, it is set back to NEW.
 *
 * Whose workflow it is. hubcheck writes every Note itself as
 * `hubcheck set workflow <STATUS>: ...` with `UpdatedBy: hubcheck`, and treats a
 * finding's workflow as
 *  - its own, when the Note is hubcheck's and names the status the finding has
 *    now (nobody changed it since hubcheck did);
 *  - nobody's, when the status is NEW and there is no Note or only hubcheck's
 *    (a new finding);
 *  - a person's otherwise (another status, or a Note by someone else): left as
 *    it is, unless the suppression entry says `override-workflow: true`.
 * Only findings of hubcheck's rules (GeneratorId `hubcheck/`) that this run
 * imported are considered.
 *
 * BatchUpdateFindings takes one Workflow and one Note per request: findings
 * sharing them go together, at most 100 per request, each request taking a
 * token from the (account, Region) BatchUpdateFindings bucket. A request that
 * fails with throttling or a 5xx is retried; `UnprocessedFindings` with a
 * transient code are sent again after a backoff; every other failure is
 * returned, never dropped.
 */
import { BatchUpdateFindingsCommand, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { truncate } from '../asff/to-asff.js';
import { SUPPRESSION_FIELDS, suppressionOf } from '../suppressions/suppressions.js';
import { systemClock, type Clock, type TokenBucket } from './rate-limiter.js';
import { DEFAULT_RETRY, RETRYABLE_FINDING_CODES, backoffDelay, errorCode, errorMessage, withRetry, type RetryPolicy } from './retry.js';

export const WORKFLOW_AUTHOR = 'hubcheck';
/** BatchUpdateFindings: findings per request, and Note.Text length. */
const MAX_PER_REQUEST = 100;
const MAX_NOTE = 512;

export type WorkflowStatus = 'SUPPRESSED' | 'NEW';

export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

/** One BatchUpdateFindings change: a status and a note for a set of findings. */
export interface WorkflowUpdate {
  status: WorkflowStatus;
  note: string;
  findings: FindingIdentifier[];
}

export interface WorkflowPlan {
  updates: WorkflowUpdate[];
  /** Findings whose workflow a person set, left as they are. */
  leftAlone: string[];
}

export interface WorkflowFailure {
  update: Omit<WorkflowUpdate, 'findings'>;
  finding: FindingIdentifier;
  ErrorCode: string;
  ErrorMessage: string;
}

export interface WorkflowResult {
  suppressed: number;
  reopened: number;
  leftAlone: number;
  failed: WorkflowFailure[];
  requests: number;
}

const prefix = (status: string) => `${WORKFLOW_AUTHOR} set workflow ${status}: `;

/** The Note hubcheck writes when it sets `status` on `finding` (its local copy). */
export function noteFor(status: WorkflowStatus, finding: AwsSecurityFinding): string {
  const s = suppressionOf(finding);
  const text = s
    ? `${s.reason} (owner ${s.owner}, expires ${s.expires}${s.source ? `, suppression ${s.source}` : ''})`
    : 'its suppression was removed or has expired';
  return truncate(`${prefix(status)}${text}`, MAX_NOTE);
}

/** Whose the workflow of a finding in Security Hub is (see the module comment); undefined: a finding Security Hub does not hold yet. */
export function workflowOwner(stored: AwsSecurityFinding | undefined): 'hubcheck' | 'nobody' | 'person' {
  if (!stored) return 'nobody';
  const status = stored.Workflow?.Status ?? 'NEW';
  const byHubcheck = stored.Note?.UpdatedBy === WORKFLOW_AUTHOR;
  if (byHubcheck && stored.Note?.Text?.startsWith(prefix(status))) return 'hubcheck';
  if (status === 'NEW' && (!stored.Note || byHubcheck)) return 'nobody';
  return 'person';
}

/**
 * The workflow changes for the findings this run imported into one account and Region
 * (`current`: their local copies, suppressions marked) given what Security Hub held before.
 */
export function planWorkflow(current: readonly AwsSecurityFinding[], existing: readonly AwsSecurityFinding[]): WorkflowPlan {
  const stored = new Map(existing.filter((f) => f.Id).map((f) => [f.Id!, f]));
  const groups = new Map<string, WorkflowUpdate>();
  const leftAlone: string[] = [];
  for (const finding of current) {
    if (!finding.Id || !finding.ProductArn || !finding.GeneratorId?.startsWith(`${WORKFLOW_AUTHOR}/`)) continue;
    const before = stored.get(finding.Id);
    const owner = workflowOwner(before);
    const status = before?.Workflow?.Status ?? 'NEW';
    let wanted: WorkflowStatus | undefined;
    if (finding.Workflow?.Status === 'SUPPRESSED') {
      const note = noteFor('SUPPRESSED', finding);
      const already = owner === 'hubcheck' && status === 'SUPPRESSED' && before?.Note?.Text === note;
      const override = finding.ProductFields?.[SUPPRESSION_FIELDS.overrideWorkflow] === 'true';
      if (owner === 'person' && !override) leftAlone.push(finding.Id);
      else if (!already) wanted = 'SUPPRESSED';
    } else if (owner === 'hubcheck' && status === 'SUPPRESSED') {
      wanted = 'NEW';
    }
    if (!wanted) continue;
    const note = noteFor(wanted, finding);
    const key = `${wanted}\n${note}`;
    const group = groups.get(key) ?? { status: wanted, note, findings: [] };
    group.findings.push({ Id: finding.Id, ProductArn: finding.ProductArn });
    groups.set(key, group);
  }
  return { updates: [...groups.values()], leftAlone };
}

export interface WorkflowOptions {
  bucket: TokenBucket;
  clock?: Clock;
  retry?: RetryPolicy;
  random?: () => number;
  onRetry?: (what: string, code: string, retry: number, delayMs: number) => void;
}

const key = (f: FindingIdentifier) => `${f.ProductArn}\n${f.Id}`;

/** Applies a plan with BatchUpdateFindings; every finding of it ends up counted or in `failed`. */
export async function updateWorkflow(client: Pick<SecurityHubClient, 'send'>, plan: WorkflowPlan, options: WorkflowOptions): Promise<WorkflowResult> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const clock = options.clock ?? systemClock;
  const result: WorkflowResult = { suppressed: 0, reopened: 0, leftAlone: plan.leftAlone.length, failed: [], requests: 0 };
  for (const update of plan.updates) {
    const change = { status: update.status, note: update.note };
    let pending = update.findings;
    for (let round = 1; pending.length > 0; round++) {
      const later: WorkflowFailure[] = [];
      for (let i = 0; i < pending.length; i += MAX_PER_REQUEST) {
        const batch = pending.slice(i, i + MAX_PER_REQUEST);
        const failAll = (code: string, message: string) => {
          for (const finding of batch) result.failed.push({ update: change, finding, ErrorCode: code, ErrorMessage: message });
        };
        let output;
        try {
          output = await withRetry(
            async () => {
              await options.bucket.take();
              result.requests++;
              return client.send(
                new BatchUpdateFindingsCommand({
                  FindingIdentifiers: batch,
                  Workflow: { Status: update.status },
                  Note: { Text: update.note, UpdatedBy: WORKFLOW_AUTHOR },
                }),
              );
            },
            { policy, clock, random: options.random, onRetry: (error, retry, delay) => options.onRetry?.('BatchUpdateFindings', errorCode(error), retry, delay) },
          );
        } catch (error) {
          failAll(errorCode(error), errorMessage(error));
          continue;
        }
        const processed = new Set((output?.ProcessedFindings ?? []).map((f) => key({ Id: f.Id ?? '', ProductArn: f.ProductArn ?? '' })));
        const unprocessed = new Map((output?.UnprocessedFindings ?? []).map((u) => [key({ Id: u.FindingIdentifier?.Id ?? '', ProductArn: u.FindingIdentifier?.ProductArn ?? '' }), u]));
        if (!batch.every((f) => processed.has(key(f)) !== unprocessed.has(key(f)))) {
          failAll('MalformedResponse', 'BatchUpdateFindings did not account for every finding of its request (ProcessedFindings, UnprocessedFindings)');
          continue;
        }
        for (const finding of batch) {
          const u = unprocessed.get(key(finding));
          if (!u) {
            if (update.status === 'SUPPRESSED') result.suppressed++;
            else result.reopened++;
            continue;
          }
          const failure = { update: change, finding, ErrorCode: u.ErrorCode ?? 'Unknown', ErrorMessage: u.ErrorMessage ?? '' };
          if (RETRYABLE_FINDING_CODES.has(failure.ErrorCode)) later.push(failure);
          else result.failed.push(failure);
        }
      }
      if (later.length === 0) break;
      if (round >= policy.maxAttempts) {
        result.failed.push(...later);
        break;
      }
      const delay = backoffDelay(round, policy, options.random);
      options.onRetry?.('UnprocessedFindings', later[0]?.ErrorCode ?? '', round, delay);
      await clock.sleep(delay);
      pending = later.map((l) => l.finding);
    }
  }
  return result;
}

/** What `aws securityhub batch-update-findings --cli-input-json` accepts, one per change: the spool of failed updates. */
export function workflowRequests(failed: readonly WorkflowFailure[]): { FindingIdentifiers: FindingIdentifier[]; Workflow: { Status: string }; Note: { Text: string; UpdatedBy: string } }[] {
  const groups = new Map<string, { FindingIdentifiers: FindingIdentifier[]; Workflow: { Status: string }; Note: { Text: string; UpdatedBy: string } }>();
  for (const f of failed) {
    const k = `${f.update.status}\n${f.update.note}`;
    const group = groups.get(k) ?? { FindingIdentifiers: [], Workflow: { Status: f.update.status }, Note: { Text: f.update.note, UpdatedBy: WORKFLOW_AUTHOR } };
    group.FindingIdentifiers.push(f.finding);
    groups.set(k, group);
  }
  return [...groups.values()];
}
