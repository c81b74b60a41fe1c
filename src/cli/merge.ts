/** `hubcheck merge DIR...`: combine the outputs of shards (or separate runs) into one report set. */
import path from 'node:path';
import { Command, Option } from 'commander';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { UsageError } from '../engine/errors.js';
import { mergeRuns } from '../engine/merge.js';
import type { Severity } from '../engine/rule.js';
import type { ScanDocument } from '../engine/scan-document.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { FINDINGS_FILE, SCAN_FILE, findingsJsonChunks, scanJson } from '../../reports/json.js';
import { consoleSummary } from '../../reports/summary.js';
import { colors } from './color.js';
import { severity } from './options.js';
import { exitCodeFor } from './exit-codes.js';
import type { CliIO } from './run-scan.js';
import { readJsonFile } from './validate.js';

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
      const runs = [];
      for (const dir of dirs) {
        const findings = await readJsonFile(path.join(dir, FINDINGS_FILE));
        const document = await readJsonFile(path.join(dir, SCAN_FILE));
        if (!Array.isArray(findings)) throw new UsageError(`${path.join(dir, FINDINGS_FILE)}: not a JSON array of findings`);
        if (!document || typeof document !== 'object' || (document as { tool?: { name?: string } }).tool?.name !== 'hubcheck') {
          throw new UsageError(`${path.join(dir, SCAN_FILE)}: not a hubcheck scan.json`);
        }
        runs.push({ findings: findings as AwsSecurityFinding[], document: document as ScanDocument });
      }
      const merged = mergeRuns(runs);
      await writeFileAtomic(path.join(opts.outputDir, FINDINGS_FILE), findingsJsonChunks(merged.findings));
      await writeFileAtomic(path.join(opts.outputDir, SCAN_FILE), scanJson(merged.document));
      io.stderr.write(consoleSummary(merged.findings, merged.document, opts.outputDir, undefined, colors(io.color)));
      setExitCode(exitCodeFor(merged.findings, merged.document, opts.failOn));
    });
}
