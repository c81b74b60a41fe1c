/**
 * `hubcheck report FILE`: re-renders the human reports from a findings file
 * (findings.asff.json, or any array of ASFF findings). The scan document and the
 * history delta come from the scan.json beside it (or --scan), when there is one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { ScanDocument } from '../engine/scan-document.js';
import { HISTORY_LISTED, listsAreWhole, type HistoryDelta } from '../history/delta.js';
import { HistoryStore } from '../history/store.js';
import { writeReports } from '../app/write-outputs.js';
import { readFindingsFile } from '../asff/read-findings.js';
import { checkOutputDir } from '../io/output-dir.js';
import { REPORT_FORMATS, isReportFormat } from '../../reports/index.js';
import { SCAN_FILE } from '../../reports/json.js';
import { list } from './options.js';
import type { CliIO } from './run-scan.js';
import { readScanDocument } from '../io/read-scan.js';

function formats(value: string, previous: string[] = []): string[] {
  const names = list(value);
  for (const name of names) {
    if (!isReportFormat(name)) throw new InvalidArgumentError(`unknown format ${name}; use ${REPORT_FORMATS.join(', ')}`);
  }
  return [...previous, ...names];
}

/**
 * scan.json lists the first HISTORY_LISTED changes of each kind. When a list is
 * cut, every finding's change is read from the scan's state file, if it still
 * holds the scan; otherwise the reports label the listed ones only, and say so.
 */
function withEveryChange(read: HistoryDelta | undefined, stderr: NodeJS.WritableStream): { delta: HistoryDelta | undefined; close(): void } {
  // A scan.json may leave out the lists it has nothing in.
  const delta = read && { ...read, reopened: read.reopened ?? [], suppressed: read.suppressed ?? [], unsuppressed: read.unsuppressed ?? [], trend: read.trend ?? [] };
  if (!delta || listsAreWhole(delta)) return { delta, close() {} };
  let why = 'is not there';
  if (typeof delta.stateFile === 'string' && existsSync(delta.stateFile)) {
    try {
      const store = HistoryStore.open(delta.stateFile);
      if (store.hasScan(delta.scanId)) return { delta: { ...delta, changes: store.changes(delta.scanId) }, close: () => store.close() };
      store.close();
      why = `no longer holds scan ${delta.scanId}`;
    } catch (error) {
      why = `cannot be read (${(error as Error).message})`;
    }
  }
  stderr.write(
    `hubcheck: warning: scan.json lists the first ${HISTORY_LISTED} changed findings of each kind, and its state file ${JSON.stringify(String(delta.stateFile))} ${why}: only the listed findings are marked as changed\n`,
  );
  return { delta, close() {} };
}

export function reportCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  return new Command('report')
    .description('re-render the HTML, CSV, JUnit and Markdown reports from a findings file')
    .argument('<file>', 'findings.asff.json (a JSON array of ASFF findings) or findings.ocsf.json (OCSF Compliance Findings)')
    .option('--format <list>', `formats to write: ${REPORT_FORMATS.join(', ')} (default: all)`, formats)
    .option('--output-dir <dir>', 'where to write them (default: the findings file\'s directory)')
    .option('--scan <file>', `the scan's ${SCAN_FILE}, for its details and history (default: ${SCAN_FILE} beside the findings file, if any)`)
    .action(async (file: string, opts: { format?: string[]; outputDir?: string; scan?: string }) => {
      const { findings } = await readFindingsFile(file);
      const scanFile = opts.scan ?? path.join(path.dirname(file), SCAN_FILE);
      let scan: Partial<ScanDocument> & { history?: HistoryDelta } = {};
      if (opts.scan || existsSync(scanFile)) {
        scan = await readScanDocument(scanFile);
      }
      const listed = scan.history && Array.isArray(scan.history.new) && Array.isArray(scan.history.resolved) ? scan.history : undefined;
      const outputDir = opts.outputDir ?? path.dirname(file);
      checkOutputDir(outputDir);
      const history = withEveryChange(listed, io.stderr);
      try {
        for (const target of await writeReports(opts.format ?? REPORT_FORMATS, findings, scan, history.delta, outputDir)) io.stdout.write(`${target}\n`);
      } finally {
        history.close();
      }
      setExitCode(0);
    });
}
