/** Stage 5, notify (--notify): POST the new failing findings to a webhook. It never fails the run; a failure is a warning. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { HistoryDelta } from '../history/delta.js';
import { notificationPayload, redactUrl, sendNotification, type NotificationResult, type NotifyOptions } from '../notify/webhook.js';
import type { ScanExecution } from './evaluate.js';

export async function notify(
  url: string,
  options: NotifyOptions | undefined,
  execution: ScanExecution,
  findings: Iterable<AwsSecurityFinding>,
  delta: HistoryDelta | undefined,
  stderr: NodeJS.WritableStream,
): Promise<NotificationResult> {
  const payload = notificationPayload(findings, delta, {
    startedAt: execution.observedAt,
    accounts: execution.scans.map((scan) => scan.identity.account),
  });
  const result = await sendNotification(url, payload, options);
  if (result.status === 'failed') {
    stderr.write(
      `hubcheck: warning: could not notify ${redactUrl(url)} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.error ?? 'unknown error'}; the reports are written\n`,
    );
  }
  return result;
}
