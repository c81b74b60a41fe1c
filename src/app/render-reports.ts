/** `hubcheck report`: render the report formats from findings (and a scan document) and write them. */
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from '../engine/scan-document.js';
import type { HistoryDelta } from '../history/delta.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { renderReports } from '../../reports/index.js';

/** Writes one file per format into outputDir; returns their paths in order. */
export async function writeReports(
  formats: readonly string[],
  findings: readonly AwsSecurityFinding[],
  scan: Partial<ScanDocument>,
  history: HistoryDelta | undefined,
  outputDir: string,
): Promise<readonly string[]> {
  const written: string[] = [];
  for (const report of renderReports(formats, findings, scan, history)) {
    const target = path.join(outputDir, report.file);
    await writeFileAtomic(target, report.content);
    written.push(target);
  }
  return Object.freeze(written);
}
