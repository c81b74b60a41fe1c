/** `hubcheck demo`: the real engine on the embedded demo account (a replayed snapshot). */
import path from 'node:path';
import { Command } from 'commander';
import { REPORT_FORMATS } from '../../reports/index.js';
import { PACKAGE_ROOT } from '../version.js';
import { addLogOption, benchmarks, list } from './options.js';
import type { CliIO } from './run-scan.js';

export const DEMO_SNAPSHOT = path.join(PACKAGE_ROOT, 'demo', 'acme-snapshot.json');

export function demoCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const command = new Command('demo')
    .description('scan the embedded demo account (a fictional, partly misconfigured company) and write its reports')
    .option('--output-dir <dir>', 'where to write the reports', 'hubcheck-reports/demo')
    .option('--format <list>', `report formats besides findings.asff.json and scan.json (default: ${REPORT_FORMATS.join(',')})`, list)
    .option('--benchmark <name>', 'CIS benchmark version(s), repeatable (default: cis-5.0.0)', benchmarks)
    .option('--state <file>', 'SQLite history of scans (default: hubcheck-state.sqlite beside the output directory)')
    .option('--no-state', 'keep no history')
    .option('--no-progress', 'no progress line on stderr');
  addLogOption(command);
  return command.action(
    async (opts: { outputDir: string; format?: string[]; benchmark?: never; state?: string | false; progress: boolean; logLevel: never }) => {
      const { runScan } = await import('./run-scan.js');
      await runScan({ ...opts, format: opts.format ?? [...REPORT_FORMATS], replay: DEMO_SNAPSHOT, failOn: 'none' }, io);
      setExitCode(0);
    },
  );
}
