/**
 * `--notify URL`: after a scan, POST its new failing findings (new or reopened,
 * not suppressed) to a webhook as JSON. The body has a Slack-compatible `text`
 * (Slack incoming webhooks, Mattermost, Rocket.Chat and Teams workflows read
 * it) and a structured `findings` array for anything else.
 *
 * Retries: a network error, a timeout, 408, 429 and 5xx are retried with
 * exponential backoff (1 s, 2 s, 4 s by default; Retry-After is honoured up to
 * the cap); any other status fails at once. Nothing is posted when there is
 * nothing new. A failure is returned, never thrown: the caller reports it, and
 * the scan's files are already written by then.
 *
 * Webhook URLs carry their secret in the path, so only the origin is ever
 * printed or stored (`redactUrl`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { severityRank, type Severity } from '../engine/rule.js';
import { CHANGE_BITS, changeCounts, findingChanges, type HistoryDelta } from '../history/delta.js';
import { isFailing, verdictOf } from '../domain/status.js';

export interface NotifyOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

export interface NotificationResult {
  target: string;
  status: 'sent' | 'failed' | 'skipped';
  findings: number;
  attempts: number;
  httpStatus?: number;
  error?: string;
}

export interface NotificationFinding {
  id: string;
  change: 'NEW' | 'REOPENED';
  severity: string;
  control: string;
  ruleId: string;
  title: string;
  account: string;
  region: string;
  resourceId: string;
  resourceName: string;
  reason: string;
  remediationUrl: string;
}

export interface NotificationPayload {
  text: string;
  findings: NotificationFinding[];
  scan: { startedAt: string; accounts: string[]; new: number; reopened: number; resolved: number; suppressed: number };
}

const TEXT_LINES = 20;

/** Only the origin of a webhook URL: its path and query are its secret. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return '(not a URL)';
  }
}

/** Slack mrkdwn reserves &, < and >. */
function slack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The new failing findings of a scan: new and reopened ones, or every failing one when there is no history. */
export function newFailing(findings: Iterable<AwsSecurityFinding>, delta: HistoryDelta | undefined): NotificationFinding[] {
  const changes = delta && findingChanges(delta);
  const chosen: NotificationFinding[] = [];
  for (const f of findings) {
    const verdict = verdictOf(f);
    if (!isFailing(verdict)) continue;
    const bits = changes ? changes.of(f) : CHANGE_BITS.new;
    if (!(bits & (CHANGE_BITS.new | CHANGE_BITS.reopened))) continue;
    const id = f.Id ?? '';
    const resource = f.Resources?.[0];
    const fields = f.ProductFields ?? {};
    chosen.push({
      id,
      change: bits & CHANGE_BITS.reopened ? 'REOPENED' : 'NEW',
      severity: verdict.severity,
      control: f.Compliance?.SecurityControlId ?? verdict.ruleId,
      ruleId: verdict.ruleId,
      title: f.Title ?? '',
      account: f.AwsAccountId ?? '',
      region: resource?.Region ?? '',
      resourceId: resource?.Id ?? '',
      resourceName: fields['hubcheck/ResourceName'] ?? '',
      reason: f.Description ?? '',
      remediationUrl: f.Remediation?.Recommendation?.Url ?? fields.RecommendationUrl ?? '',
    });
  }
  return chosen.sort((a, b) => severityRank(b.severity as Severity) - severityRank(a.severity as Severity) || a.control.localeCompare(b.control));
}

export function notificationPayload(
  findings: Iterable<AwsSecurityFinding>,
  delta: HistoryDelta | undefined,
  scan: { startedAt: string; accounts: string[] },
): NotificationPayload {
  const fresh = newFailing(findings, delta);
  const changed = delta && changeCounts(delta);
  const bySeverity = new Map<string, number>();
  for (const v of fresh) bySeverity.set(v.severity, (bySeverity.get(v.severity) ?? 0) + 1);
  const accounts = scan.accounts.join(', ') || 'no account';
  const head = `hubcheck: ${fresh.length} new failing finding${fresh.length === 1 ? '' : 's'} in ${accounts} (${[...bySeverity].map(([s, n]) => `${n} ${s}`).join(', ')})`;
  const lines = fresh.slice(0, TEXT_LINES).map(
    (v) => `• *${v.severity}* ${v.control} ${v.resourceName || v.resourceId} (${v.region})${v.change === 'REOPENED' ? ' [reopened]' : ''}: ${v.reason}`,
  );
  if (fresh.length > TEXT_LINES) lines.push(`… and ${fresh.length - TEXT_LINES} more`);
  return {
    text: slack([head, ...lines].join('\n')),
    findings: fresh,
    scan: {
      startedAt: scan.startedAt,
      accounts: scan.accounts,
      new: changed?.new ?? fresh.length,
      reopened: changed?.reopened ?? 0,
      resolved: changed?.resolved ?? 0,
      suppressed: changed?.suppressed ?? 0,
    },
  };
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Posts the payload; skipped when it has no finding. Never throws. */
export async function sendNotification(url: string, payload: NotificationPayload, options: NotifyOptions = {}): Promise<NotificationResult> {
  const target = redactUrl(url);
  const base = { target, findings: payload.findings.length };
  if (payload.findings.length === 0) return { ...base, status: 'skipped', attempts: 0 };
  const attempts = options.attempts ?? 4;
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const body = JSON.stringify(payload);
  let last: Omit<NotificationResult, 'target' | 'findings' | 'status' | 'attempts'> = {};
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait = baseDelay * 2 ** (attempt - 1);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'hubcheck' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ...base, status: 'sent', attempts: attempt, httpStatus: response.status };
      last = { httpStatus: response.status, error: `HTTP ${response.status}` };
      if (!retryable(response.status)) return { ...base, status: 'failed', attempts: attempt, ...last };
      wait = retryAfterMs(response.headers.get('retry-after')) ?? wait;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      last = { error: (error as Error).name === 'TimeoutError' ? 'timed out' : cause ?? (error as Error).message };
    }
    if (attempt < attempts) await sleep(Math.min(wait, maxDelay));
  }
  return { ...base, status: 'failed', attempts, ...last };
}
