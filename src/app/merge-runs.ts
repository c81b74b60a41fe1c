/** `hubcheck merge`: combine the outputs of shards (or separate runs) and write the merged findings and scan.json. */
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mergeRuns, type RunOutput } from '../engine/merge.js';
import type { ScanDocument } from '../engine/scan-document.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { findingsJsonChunks } from '../io/findings-json.js';
import { FINDINGS_FILE, SCAN_FILE, scanJson } from '../../reports/json.js';

export interface MergedRun {
  readonly findings: readonly AwsSecurityFinding[];
  readonly document: ScanDocument;
}

export async function writeMergedRuns(runs: readonly RunOutput[], outputDir: string): Promise<MergedRun> {
  const merged = mergeRuns(runs);
  await writeFileAtomic(path.join(outputDir, FINDINGS_FILE), findingsJsonChunks(merged.findings));
  await writeFileAtomic(path.join(outputDir, SCAN_FILE), scanJson(merged.document));
  return Object.freeze({ findings: Object.freeze(merged.findings), document: merged.document });
}
