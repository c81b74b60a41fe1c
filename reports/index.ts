/**
 * The report formats besides the JSON outputs, by --format name: each a pure
 * function (findings, scan document, history delta) -> file content.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';
import type { HistoryDelta } from './model.js';
import { CSV_FILE, csvReportChunks } from './csv.js';
import { HTML_FILE, htmlReportChunks } from './html.js';
import { JUNIT_FILE, junitReport } from './junit.js';
import { MARKDOWN_FILE, markdownReport } from './markdown.js';
import { OCSF_FILE, ocsfReportChunks } from './ocsf.js';

/**
 * A report renderer. `findings` may be read from disk on each iteration: a
 * renderer iterates it once, and keeps memory bound whatever its length.
 */
export type Renderer = (findings: Iterable<AwsSecurityFinding>, scan: Partial<ScanDocument>, delta?: HistoryDelta) => string | Iterable<string>;

export const REPORTS = {
  html: { file: HTML_FILE, render: htmlReportChunks },
  csv: { file: CSV_FILE, render: csvReportChunks },
  junit: { file: JUNIT_FILE, render: junitReport },
  md: { file: MARKDOWN_FILE, render: markdownReport },
  ocsf: { file: OCSF_FILE, render: ocsfReportChunks },
} as const satisfies Record<string, { file: string; render: Renderer }>;

export type ReportFormat = keyof typeof REPORTS;
export const REPORT_FORMATS = Object.keys(REPORTS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.prototype.hasOwnProperty.call(REPORTS, name);
}

/**
 * The files to write for these formats (json is written by the scan itself and
 * skipped here). Each content is rendered when it is read, so a writer holds one
 * report at a time, and a report given in pieces is written piece by piece.
 */
export function renderReports(
  formats: readonly string[],
  findings: Iterable<AwsSecurityFinding>,
  scan: Partial<ScanDocument>,
  delta?: HistoryDelta,
): { file: string; content: Iterable<string> }[] {
  return [...new Set(formats)].filter(isReportFormat).map((format) => ({
    file: REPORTS[format].file,
    content: rendered(REPORTS[format].render, findings, scan, delta),
  }));
}

function* rendered(render: Renderer, findings: Iterable<AwsSecurityFinding>, scan: Partial<ScanDocument>, delta?: HistoryDelta): Generator<string> {
  const content = render(findings, scan, delta);
  if (typeof content === 'string') yield content;
  else yield* content;
}
