/**
 * JSON outputs: `findings.asff.json`, a JSON array that BatchImportFindings
 * accepts as it is, and `scan.json`, the record of the run.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';
import { findingsJsonChunks } from '../src/io/findings-json.js';

export { findingsJsonChunks } from '../src/io/findings-json.js';

export const FINDINGS_FILE = 'findings.asff.json';
export const SCAN_FILE = 'scan.json';

/** One finding per line inside the array: readable, diffable, and cheap to stream. */
export function findingsJson(findings: readonly AwsSecurityFinding[]): string {
  return [...findingsJsonChunks(findings)].join('');
}

export function scanJson(document: ScanDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
