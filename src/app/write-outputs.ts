/**
 * Stage 6, write outputs: every file of the run, each written once and
 * atomically: the --record snapshot, findings.asff.json, scan.json and one file
 * per --format (the renderers of reports/). The one module of src/app that
 * calls reports/; `hubcheck merge` and `hubcheck report` write through it too.
 */
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { serializeSnapshot, type Snapshot } from '../data/snapshot.js';
import { mergeDocuments, spoolMergedFindings } from '../engine/merge.js';
import type { FindingSpool } from '../io/finding-spool.js';
import type { ScanDocument } from '../engine/scan-document.js';
import type { HistoryDelta } from '../history/delta.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { updateOutputSet, writeOutputSet, type OutputFile } from '../io/output-set.js';
import { findingsJsonChunks } from '../io/findings-json.js';
import { renderReports } from '../../reports/index.js';
import { FINDINGS_FILE, SCAN_FILE, scanJson } from '../../reports/json.js';
import type { ScanRecord } from './outcome.js';

export { SUPPORTED_FORMATS } from './request.js';

export interface OutputsInput {
  outputDir: string;
  formats: readonly string[];
  /** Read once per file written. */
  findings: Iterable<AwsSecurityFinding>;
  record: ScanRecord;
  delta?: HistoryDelta;
  /** --record: the file and the snapshot to write there. */
  recording?: { file: string; snapshot: Snapshot };
}

/**
 * Writes the run's output set as one unit (src/io/output-set.ts): every file into
 * a fresh sibling folder, then published by one rename, so the folder holds the
 * whole previous set or the whole new one. The --record snapshot is its own file.
 * Returns the paths written.
 */
export async function writeOutputs(input: OutputsInput): Promise<readonly string[]> {
  const written: string[] = [];
  if (input.recording) {
    await writeFileAtomic(input.recording.file, serializeSnapshot(input.recording.snapshot));
    written.push(input.recording.file);
  }
  const files: OutputFile[] = [
    { name: FINDINGS_FILE, content: findingsJsonChunks(input.findings) },
    { name: SCAN_FILE, content: scanJson(input.record) },
    ...renderReports(input.formats, input.findings, input.record, input.delta).map((r) => ({ name: r.file, content: r.content })),
  ];
  await writeOutputSet(input.outputDir, files);
  written.push(...files.map((f) => path.join(input.outputDir, f.name)));
  return Object.freeze(written);
}

/** A later stage's scan.json, replacing the one of the published set (the other files are carried over as they are). */
export async function recordInOutputs(outputDir: string, record: ScanRecord): Promise<void> {
  await updateOutputSet(outputDir, [{ name: SCAN_FILE, content: scanJson(record) }]);
}

/** One file per report format into outputDir (`hubcheck report` too); returns their paths in order. */
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

/** One run to merge: its findings (iterated twice, e.g. a spool) and its scan.json. */
export interface MergeInput {
  readonly findings: Iterable<AwsSecurityFinding>;
  readonly document: ScanDocument;
}

export interface MergedRun {
  /** The merged findings, on disk: iterate as often as needed, then release. */
  readonly findings: FindingSpool;
  readonly document: ScanDocument;
}

/**
 * `hubcheck merge`: combine the outputs of shards (or separate runs) and write
 * the merged findings and scan.json. The findings are never all in memory
 * (src/engine/merge.ts spoolMergedFindings); the caller releases the returned
 * spool after reading it (summary, exit code).
 */
export async function writeMergedRuns(runs: readonly MergeInput[], outputDir: string): Promise<MergedRun> {
  const findings = spoolMergedFindings(runs.map((r) => r.findings));
  try {
    const document = mergeDocuments(runs.map((r) => r.document), findings);
    await writeFileAtomic(path.join(outputDir, FINDINGS_FILE), findingsJsonChunks(findings));
    await writeFileAtomic(path.join(outputDir, SCAN_FILE), scanJson(document));
    return Object.freeze({ findings, document });
  } catch (error) {
    findings.release();
    throw error;
  }
}

/** `hubcheck pull`: the findings read from Security Hub, as one findings file (a JSON array, written atomically). */
export async function writeFindingsFile(file: string, findings: readonly AwsSecurityFinding[]): Promise<void> {
  await writeFileAtomic(file, findingsJsonChunks(findings));
}
