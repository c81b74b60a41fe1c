/** `hubcheck scan`: scan the account the credentials belong to. */
import { Command, Option } from 'commander';
import { checkOutputPaths } from '../io/output-dir.js';
import { applyConfig, findConfigFile, loadConfig } from './config.js';
import { addLogOption, addSelectionOptions, httpUrl, list, nonNegativeInteger, positiveInteger, region, regions, severity } from './options.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIO, RunScanOptions } from './run-scan.js';

/** What a scan writes besides the JSON when --format is not given: a page to read and a summary to paste. */
export const DEFAULT_SCAN_FORMATS = ['html', 'md'] as const;

export function defaultOutputDir(now = new Date()): string {
  return `hubcheck-reports/${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}`;
}

export function scanCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const command = new Command('scan')
    .description('scan an AWS account against the CIS AWS Foundations Benchmark and write ASFF findings')
    .option('--config <file>', 'config file of scan options (default: hubcheck.config.json or .yaml in the working directory); flags win')
    .option('--profile <name>', 'AWS profile from the shared config files (default: the default credential chain)')
    .option('--regions <list>', 'Regions to scan, comma-separated, or "all" (default: the account\'s enabled Regions)', regions)
    .option('--home-region <region>', 'Region for account-wide checks and their findings (default: AWS_REGION, the profile\'s region, or us-east-1)', region)
    .option('--output-dir <dir>', 'where to write the reports (default: hubcheck-reports/<UTC time>)')
    .option('--format <list>', `report formats besides findings.asff.json and scan.json: html, csv, junit, md (comma-separated; default: ${DEFAULT_SCAN_FORMATS.join(',')})`, list)
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a FAILED finding that is not suppressed is at or above this severity ("none": never) (default: LOW, or none with --fail-on-new)')
        .argParser((v: string) => (v.toLowerCase() === 'none' ? 'none' : severity(v))),
    )
    .option('--fail-on-new <severity>', 'exit 1 when a FAILED finding at or above this severity is new or reopened since the previous scan in the state file', severity)
    .option('--state <file>', 'SQLite history of scans (default: hubcheck-state.sqlite beside the output directory)')
    .option('--no-state', 'keep no history (every failing finding counts as new)')
    .option('--history-retention-days <n>', 'forget scans older than this many days (default: 90)', positiveInteger)
    .option('--lock-timeout <seconds>', 'wait this long for another run that holds the state lock, then fail (default: 60; 0 fails at once)', nonNegativeInteger)
    .option('--suppressions <file>', 'YAML file of accepted risks: matching findings are marked SUPPRESSED and do not fail the run')
    .option('--notify <url>', 'POST new failing findings to this webhook (Slack-compatible JSON) after the scan', httpUrl)
    .option('--record <file>', 'save every AWS answer to a snapshot file, for --replay')
    .option('--replay <file>', 'scan a snapshot file instead of AWS (no network, no credentials)')
    .option('--accounts <ids>', 'scan these accounts (comma-separated 12-digit ids), each through --role-name', list)
    .option('--organization', "scan every active account of the caller's organization (from the management or a delegated administrator account)")
    .option('--role-name <name>', 'role to assume in each account of --accounts / --organization')
    .option('--external-id <id>', 'external id for --role-name')
    .option('--shard <i/n>', 'scan only shard i of n of the account list (1-based, e.g. 1/4); combine the parts with hubcheck merge')
    .option('--account-concurrency <n>', 'accounts scanned at once (default: from the cores and free memory, shown in scan.json)', positiveInteger)
    .option(
      '--securityhub',
      'also push the findings to the Security Hub of their account (with the session it was scanned with) and Region, resolving fixed and archiving gone ones, suppressed ones set to SUPPRESSED; what cannot be sent goes to unsent.asff.json and the exit code is 3',
    )
    .option(
      '--parity',
      "compare the findings with Security Hub's own CIS control findings for the same accounts and Regions (read with each account's session); the table goes to scan.json and report.html",
    )
    .option('--concurrency <n>', 'rule evaluations run at once per account', positiveInteger)
    .option('--call-timeout <seconds>', 'time one AWS call may take, retries included; then its checks are NOT_AVAILABLE "timed out" (default: 60)', positiveInteger)
    .option('--max-attempts <n>', 'HTTP attempts per AWS call, the first included (default: 3)', positiveInteger)
    .option('--timeout <seconds>', 'time the whole scan may take; checks still waiting for AWS then are NOT_AVAILABLE "timed out" (default: none)', positiveInteger)
    .option('--no-progress', 'no progress line on stderr');
  addSelectionOptions(command);
  addLogOption(command);
  command.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  return command.action(async (opts: Omit<RunScanOptions, 'outputDir' | 'format'> & { outputDir?: string; format?: string[]; config?: string }, cmd: Command) => {
    const file = findConfigFile(opts.config);
    const merged = applyConfig(cmd, opts, file ? await loadConfig(file) : undefined);
    const { config: _config, ...options } = merged;
    const { runScan } = await import('./run-scan.js');
    const { stateFileFor } = await import('../app/request.js');
    const outputDir = options.outputDir ?? defaultOutputDir();
    // Before any AWS call: an unusable output folder or state path is exit 2 now, not an error after the scan.
    checkOutputPaths(outputDir, stateFileFor({ ...options, outputDir }));
    const outcome = await runScan({ ...options, format: options.format ?? [...DEFAULT_SCAN_FORMATS], outputDir }, io);
    setExitCode(outcome.exitCode);
  });
}
