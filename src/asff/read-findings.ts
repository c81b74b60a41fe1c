/**
 * Reads a file of ASFF findings for a command that uses them (report, merge,
 * insights): the file is read with the input limits, then every finding must
 * pass the ASFF validator before any of it is rendered, merged or filtered, so a
 * wrong type is one error line, never a crash further on.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { UsageError } from '../errors.js';
import { fromOcsf, isOcsfComplianceFinding } from './from-ocsf.js';
import { readInputJson } from '../io/read-input.js';
import { validateFindings } from './validate.js';

export interface FindingsFile {
  /** The parsed JSON, as it was (one object or an array). */
  parsed: unknown;
  findings: AwsSecurityFinding[];
}

/** Checks parsed JSON as findings; `[]` is an empty list (a scan with nothing to report). */
export function checkFindings(parsed: unknown, file: string): AwsSecurityFinding[] {
  if (Array.isArray(parsed) && parsed.length === 0) return [];
  const { count, issues } = validateFindings(parsed);
  if (issues.length > 0) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'}; hubcheck validate lists them)` : '';
    throw new UsageError(`${file}: not a valid ASFF finding${count === 1 ? '' : 's file'}: ${first.path}: ${first.message}${more}`);
  }
  return (Array.isArray(parsed) ? parsed : [parsed]) as AwsSecurityFinding[];
}

/** OCSF Compliance Findings (findings.ocsf.json) are read back as ASFF, then checked like any findings. */
export function fromOcsfRecords(parsed: unknown): unknown {
  if (Array.isArray(parsed)) return parsed.map((item: unknown) => (isOcsfComplianceFinding(item) ? fromOcsf(item) : item));
  return isOcsfComplianceFinding(parsed) ? fromOcsf(parsed) : parsed;
}

export async function readFindingsFile(file: string): Promise<FindingsFile> {
  const parsed = await readInputJson(file, 'findings');
  return { parsed, findings: checkFindings(fromOcsfRecords(parsed), file) };
}
