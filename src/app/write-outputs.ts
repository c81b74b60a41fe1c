/**
 * Stage 6, write outputs: every file of the run, each written once and
 * atomically: the --record snapshot, findings.asff.json, scan.json and one file
 * per --format (the renderers of reports/).
 */
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { serializeSnapshot, type Snapshot } from '../data/snapshot.js';
import type { HistoryDelta } from '../history/delta.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { findingsJsonChunks } from '../io/findings-json.js';
import { renderReports } from '../../reports/index.js';
import { FINDINGS_FILE, SCAN_FILE, scanJson } from '../../reports/json.js';
import type { ScanRecord } from './outcome.js';

export interface OutputsInput {
  outputDir: string;
  formats: readonly string[];
  findings: readonly AwsSecurityFinding[];
  record: ScanRecord;
  delta?: HistoryDelta;
  /** --record: the file and the snapshot to write there. */
  recording?: { file: string; snapshot: Snapshot };
}

/** Writes the files; returns their paths in the order written. */
export async function writeOutputs(input: OutputsInput): Promise<readonly string[]> {
  const written: string[] = [];
  const write = async (file: string, content: string | Iterable<string>) => {
    await writeFileAtomic(file, content);
    written.push(file);
  };
  if (input.recording) await write(input.recording.file, serializeSnapshot(input.recording.snapshot));
  const inDir = (file: string) => path.join(input.outputDir, file);
  await write(inDir(FINDINGS_FILE), findingsJsonChunks(input.findings));
  await write(inDir(SCAN_FILE), scanJson(input.record));
  for (const report of renderReports(input.formats, input.findings, input.record, input.delta)) await write(inDir(report.file), report.content);
  return Object.freeze(written);
}
