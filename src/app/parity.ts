/**
 * Stage 3b, parity (--parity): hubcheck's findings beside Security Hub's own
 * CIS control findings for the same accounts and Regions, read with each
 * account's session. The table goes to scan.json and the HTML report; one
 * summary line goes to stderr. An account whose findings could not be read is
 * named, and the run is then incomplete (exit 3).
 */
import type { Logger } from 'pino';
import { PARITY_CATEGORIES, PARITY_LABELS, type ParityRecord } from '../domain/parity.js';
import type { ScanExecution } from './evaluate.js';

export async function parityStage(
  execution: ScanExecution,
  options: { profile?: string; logger: Logger },
  stderr: NodeJS.WritableStream,
): Promise<ParityRecord> {
  // Loaded here, not at start: a scan without --parity never loads the Security Hub SDK.
  const { scanParity } = await import('../securityhub/scan-parity.js');
  // Parity compares finding by finding across accounts: it reads the evaluated findings into memory (a --parity run's cost).
  const record = await scanParity({ ...execution, findings: [...execution.findings], regions: execution.document.regions }, options);
  stderr.write(
    `hubcheck: parity with Security Hub over ${record.controls.length} controls: ${PARITY_CATEGORIES.map((c) => `${record.counts[c]} ${PARITY_LABELS[c]}`).join(', ')}\n`,
  );
  for (const error of record.errors) stderr.write(`hubcheck: parity: Security Hub's control findings could not be read for ${error}\n`);
  return Object.freeze(record);
}
