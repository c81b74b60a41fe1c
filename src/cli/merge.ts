/** `hubcheck merge DIR...`: combine the outputs of shards (or separate runs) into one report set. */
import path from 'node:path';
import { Command, Option } from 'commander';
import { exitCodeOf } from '../domain/exit-code.js';
import { UsageError } from '../errors.js';
import type { Severity } from '../engine/rule.js';
import type { ScanDocument } from '../engine/scan-document.js';
import { writeMergedRuns } from '../app/write-outputs.js';
import { FINDINGS_FILE, SCAN_FILE } from '../../reports/json.js';
import { spoolFindingsFile } from '../asff/read-findings-stream.js';
import type { FindingSpool } from '../io/finding-spool.js';
import { checkOutputDir } from '../io/output-dir.js';
import { consoleSummary } from '../../reports/summary.js';
import { colors } from './color.js';
import { severity } from './options.js';
import type { CliIO } from './run-scan.js';
import { readScanDocument } from '../io/read-scan.js';

export function mergeCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  return new Command('merge')
    .description('combine the report directories of shards (or of separate runs) into one report set')
    .argument('<dirs...>', 'output directories of hubcheck scan')
    .requiredOption('--output-dir <dir>', 'where to write the merged reports')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a merged FAILED finding is at or above this severity')
        .default('none')
        .argParser((v: string) => (v.toLowerCase() === 'none' ? 'none' : severity(v))),
    )
    .action(async (dirs: string[], opts: { outputDir: string; failOn: Severity | 'none' }) => {
      if (dirs.length < 2) throw new UsageError('merge needs at least two report directories');
      checkOutputDir(opts.outputDir);
      // Each findings file is read into a spool on disk (a line at a time when hubcheck wrote it), never whole into memory.
      const spools: FindingSpool[] = [];
      try {
        const runs = [];
        for (const dir of dirs) {
          const { spool } = await spoolFindingsFile(path.join(dir, FINDINGS_FILE));
          spools.push(spool);
          const document = await readScanDocument(path.join(dir, SCAN_FILE));
          runs.push({ findings: spool, document: document as ScanDocument });
        }
        const merged = await writeMergedRuns(runs, opts.outputDir);
        spools.push(merged.findings);
        for (const spool of spools.slice(0, -1)) spool.release();
        io.stderr.write(consoleSummary(merged.findings, merged.document, opts.outputDir, undefined, colors(io.color)));
        setExitCode(exitCodeOf({ findings: merged.findings, counts: merged.document.counts, errors: merged.document.errors.length }, { failOn: opts.failOn }));
      } finally {
        for (const spool of spools) spool.release();
      }
    });
}
