/**
 * What a push did, said two ways: the lines `scan --securityhub` prints on
 * stderr, and the record scan.json keeps (per account, per Region: sent,
 * failed, archived, resolved, and why a Region was not pushed).
 */
import type { PushResult, RegionOutcome } from './push.js';

/** Per-finding failure lines printed per Region before "... and N more". */
const MAX_FAILURE_LINES = 10;

/** The `securityhub` member of scan.json. */
export interface SecurityHubRecord {
  /** Every finding was imported. */
  complete: boolean;
  /** Findings left in unsent.asff.json. */
  unsent: number;
  /** Workflow changes (suppressions) left in unsent-workflow.json. */
  workflowUnsent: number;
  unsentFile?: string;
  /** What stopped a whole account's push (its identity could not be read). */
  errors: string[];
  accounts: {
    account: string;
    sent: number;
    failed: number;
    archived: number;
    resolved: number;
    regions: (Pick<RegionOutcome, 'region' | 'state' | 'reason' | 'sent' | 'failed' | 'archived' | 'resolved' | 'workflow'> & { duplicates: number })[];
  }[];
}

export function pushRecord(result: PushResult, unsentFile?: string): SecurityHubRecord {
  const accounts = new Map<string, SecurityHubRecord['accounts'][number]>();
  for (const r of result.regions) {
    const entry = accounts.get(r.account) ?? { account: r.account, sent: 0, failed: 0, archived: 0, resolved: 0, regions: [] };
    entry.sent += r.sent;
    entry.failed += r.failed;
    entry.archived += r.archived;
    entry.resolved += r.resolved;
    entry.regions.push({
      region: r.region,
      state: r.state,
      ...(r.reason ? { reason: r.reason } : {}),
      sent: r.sent,
      failed: r.failed,
      archived: r.archived,
      resolved: r.resolved,
      duplicates: r.duplicates.length,
      ...(r.workflow ? { workflow: r.workflow } : {}),
    });
    accounts.set(r.account, entry);
  }
  const workflowUnsent = result.workflowMissed?.length ?? 0;
  return {
    complete: result.unsent.length === 0 && workflowUnsent === 0,
    unsent: result.unsent.length,
    workflowUnsent,
    ...(unsentFile ? { unsentFile } : {}),
    errors: result.fatal ? [result.fatal] : [],
    accounts: [...accounts.values()].sort((a, b) => a.account.localeCompare(b.account)),
  };
}

/**
 * The lines `scan --securityhub` prints on stderr (without the `hubcheck: ` prefix).
 * With one account a Region's line reads `Security Hub <region>: ...`; with several,
 * `Security Hub <account> <region>: ...`, and each account that did not get all its
 * findings is named once with why.
 */
export function pushReport(result: PushResult): string[] {
  const lines: string[] = [];
  if (result.fatal) lines.push(`Security Hub: nothing sent: ${result.fatal}`);
  const mismatched = result.unsent.filter((u) => u.error.ErrorCode === 'AccountMismatch');
  if (mismatched.length > 0) lines.push(`Security Hub: ${mismatched.length} findings not sent: ${mismatched[0]?.error.ErrorMessage}`);
  const several = new Set(result.regions.map((r) => r.account)).size > 1;
  for (const r of result.regions) {
    const where = several ? `Security Hub ${r.account} ${r.region}` : `Security Hub ${r.region}`;
    const consequence = r.failed > 0 ? `its ${r.failed} finding${r.failed === 1 ? ' was' : 's were'} not sent` : 'nothing to send there';
    if (r.state === 'not-enabled') {
      lines.push(`Security Hub is not enabled in ${r.region} for account ${r.account} (${r.reason}); ${consequence}`);
    } else if (r.state === 'unreachable') {
      lines.push(`${where}: not pushed (${r.reason}); ${consequence}`);
    }
    if (r.duplicates.length > 0) lines.push(`${where}: ${r.duplicates.length} findings repeated an Id in this run; only the first of each was sent`);
    if (r.state === 'pushed') lines.push(...failureLines(result, r, where));
    lines.push(`${where}: sent ${r.sent}, failed ${r.failed}, archived ${r.archived}, resolved ${r.resolved}`);
    if (r.workflow) lines.push(...workflowLines(result, r, where));
  }
  if (several) lines.push(...accountLines(result.regions));
  return lines;
}

/** The findings a reached Region refused: one line when they all failed the same way, else one per finding (at most 10). */
function failureLines(result: PushResult, r: RegionOutcome, where: string): string[] {
  const failures = result.unsent.filter((u) => u.region === r.region && (u.finding.AwsAccountId ?? r.account) === r.account && u.error.ErrorCode !== 'AccountMismatch');
  const first = failures[0];
  if (!first) return [];
  if (failures.length > 1 && failures.every((u) => u.error.ErrorCode === first.error.ErrorCode && u.error.ErrorMessage === first.error.ErrorMessage)) {
    return [`${where}: ${failures.length} findings not imported: ${first.error.ErrorCode}: ${first.error.ErrorMessage}`];
  }
  const lines = failures.slice(0, MAX_FAILURE_LINES).map((u) => `${where}: not imported ${u.error.Id}: ${u.error.ErrorCode}: ${u.error.ErrorMessage}`);
  if (failures.length > MAX_FAILURE_LINES) lines.push(`${where}: ... and ${failures.length - MAX_FAILURE_LINES} more not imported`);
  return lines;
}

/** The suppressions-as-workflow summary of a Region, and the first changes not made. */
function workflowLines(result: PushResult, r: RegionOutcome, where: string): string[] {
  const w = r.workflow!;
  const lines = [`${where}: workflow: suppressed ${w.suppressed}, reopened ${w.reopened}, left alone ${w.leftAlone} (set by a person), failed ${w.failed}`];
  const misses = (result.workflowMissed ?? []).filter((m) => m.account === r.account && m.region === r.region);
  for (const m of misses.slice(0, MAX_FAILURE_LINES)) lines.push(`${where}: workflow of ${m.finding.Id} not set to ${m.update.status}: ${m.ErrorCode}: ${m.ErrorMessage}`);
  if (misses.length > MAX_FAILURE_LINES) lines.push(`${where}: ... and ${misses.length - MAX_FAILURE_LINES} more workflow changes not made`);
  return lines;
}

/** One line per account whose findings did not all reach its Security Hub, naming it and why. */
function accountLines(regions: readonly RegionOutcome[]): string[] {
  const byAccount = new Map<string, RegionOutcome[]>();
  for (const r of regions) byAccount.set(r.account, [...(byAccount.get(r.account) ?? []), r]);
  const lines: string[] = [];
  for (const [account, list] of [...byAccount].sort(([a], [b]) => a.localeCompare(b))) {
    const failed = list.reduce((n, r) => n + r.failed, 0);
    if (failed === 0) continue;
    const notEnabled = list.filter((r) => r.state === 'not-enabled').map((r) => r.region);
    const unreachable = list.filter((r) => r.state === 'unreachable').map((r) => `${r.region} (${r.reason})`);
    const why = [
      ...(notEnabled.length > 0 ? [`Security Hub not enabled in ${notEnabled.join(', ')}`] : []),
      ...(unreachable.length > 0 ? [`not reachable in ${unreachable.join(', ')}`] : []),
      ...(list.some((r) => r.state === 'pushed' && r.failed > 0) ? ['findings refused by BatchImportFindings'] : []),
    ];
    lines.push(`Security Hub: account ${account}: ${failed} finding${failed === 1 ? '' : 's'} not sent (${why.join('; ')})`);
  }
  return lines;
}
