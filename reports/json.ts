/**
 * JSON outputs: `findings.asff.json`, a JSON array that BatchImportFindings
 * accepts as it is, and `scan.json`, the record of the run.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';

export const FINDINGS_FILE = 'findings.asff.json';
export const SCAN_FILE = 'scan.json';

/** One finding per line inside the array: readable, diffable, and cheap to stream. */
export function findingsJson(findings: readonly AwsSecurityFinding[]): string {
  return [...findingsJsonChunks(findings)].join('');
}

/** The same text in pieces, one finding at a time, for writing a large file without building it in memory. */
export function* findingsJsonChunks(findings: readonly AwsSecurityFinding[]): Generator<string> {
  if (findings.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let i = 0; i < findings.length; i++) yield `${JSON.stringify(findings[i])}${i < findings.length - 1 ? ',\n' : '\n'}`;
  yield ']\n';
}

export function scanJson(document: ScanDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
