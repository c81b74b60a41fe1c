/**
 * Stage 7, Security Hub (--securityhub): push each account's findings, with
 * that account's session, to the Security Hub of their Region with their
 * lifecycle; what could not be sent goes to unsent.asff.json. The outcome says
 * whether every finding was delivered (the exit code is decided from it at the
 * end, not here) and carries the per-account, per-Region record for scan.json.
 */
import type { Logger } from 'pino';
import type { CallLimits } from '../data/deadlines.js';
import { pushRecord, type SecurityHubRecord } from '../securityhub/push-report.js';
import type { ScanPushInput } from '../securityhub/scan-push.js';

export type { SecurityHubRecord } from '../securityhub/push-report.js';

export interface SecurityHubDelivery {
  /** Every finding was imported. */
  readonly complete: boolean;
  readonly unsentFile?: string;
  /** What scan.json says about the push. */
  readonly record?: SecurityHubRecord;
}

export async function deliverToSecurityHub(
  input: ScanPushInput,
  options: { profile?: string; outputDir: string; logger: Logger; limits?: CallLimits },
  stderr: NodeJS.WritableStream,
): Promise<SecurityHubDelivery> {
  // Loaded here, not at start: a scan that pushes nothing never loads the Security Hub SDK.
  const { pushScan } = await import('../securityhub/scan-push.js');
  const push = await pushScan(input, options, stderr);
  return Object.freeze({
    complete: push.complete,
    ...(push.unsentFile ? { unsentFile: push.unsentFile } : {}),
    record: pushRecord(push.result, push.unsentFile),
  });
}
