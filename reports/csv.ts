/**
 * `findings.csv`: one row per finding, RFC 4180 (CRLF line ends, every field
 * quoted, quotes doubled), with a UTF-8 byte order mark so spreadsheets read
 * non-ASCII names right.
 *
 * Spreadsheet formula injection is neutralised: a value from AWS that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (a resource name, a tag)
 * gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as
 * text instead of running it (OWASP's advice).
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';
import type { HistoryDelta } from './model.js';
import { csvField } from '../src/io/escape.js';
import { batched, findingChanges, findingView, type FindingView } from './model.js';

export const CSV_FILE = 'findings.csv';

const COLUMNS: [string, (v: FindingView) => string][] = [
  ['Status', (v) => v.status],
  ['Workflow', (v) => (v.suppressed ? 'SUPPRESSED' : '')],
  ['Change', (v) => v.change ?? ''],
  ['Severity', (v) => v.severity],
  ['ControlSeverity', (v) => v.controlSeverity],
  ['Control', (v) => v.control],
  ['RuleId', (v) => v.ruleId],
  ['Title', (v) => v.title],
  ['Account', (v) => v.account],
  ['Region', (v) => v.region],
  ['ResourceType', (v) => v.resourceType],
  ['ResourceId', (v) => v.resourceId],
  ['ResourceName', (v) => v.resourceName],
  ['Reason', (v) => v.reason],
  ['Evidence', (v) => v.evidence.map(([k, val]) => `${k}=${val}`).join('; ')],
  ['Tags', (v) => v.tags.map(([k, val]) => `${k}=${val}`).join('; ')],
  ['Requirements', (v) => v.requirements.join('; ')],
  ['RemediationUrl', (v) => v.remediationUrl],
  ['FirstObservedAt', (v) => v.firstObservedAt],
  ['LastObservedAt', (v) => v.lastObservedAt],
  ['SuppressionReason', (v) => v.suppression?.reason ?? ''],
  ['SuppressionOwner', (v) => v.suppression?.owner ?? ''],
  ['SuppressionExpires', (v) => v.suppression?.expires ?? ''],
  ['FindingId', (v) => v.id],
];

export const CSV_COLUMNS = COLUMNS.map(([name]) => name);

export { csvNeutralise as neutralise, csvField } from '../src/io/escape.js';

export function csvReport(findings: Iterable<AwsSecurityFinding>, scan?: Partial<ScanDocument>, delta?: HistoryDelta): string {
  return [...csvReportChunks(findings, scan, delta)].join('');
}

/** The file in pieces, one pass over the findings and one row per finding, so any number of findings is written in bounded memory. */
export function csvReportChunks(findings: Iterable<AwsSecurityFinding>, _scan?: Partial<ScanDocument>, delta?: HistoryDelta): Generator<string> {
  return batched(csvRows(findings, delta));
}

function* csvRows(findings: Iterable<AwsSecurityFinding>, delta?: HistoryDelta): Generator<string> {
  const line = (row: readonly string[]) => `${row.map(csvField).join(',')}\r\n`;
  yield `\uFEFF${line(CSV_COLUMNS)}`;
  const changes = findingChanges(delta);
  for (const f of findings) {
    const v = findingView(f, changes);
    yield line(COLUMNS.map(([, get]) => get(v)));
  }
}
