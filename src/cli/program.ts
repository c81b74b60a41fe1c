/** The `hubcheck` command line: commander, one file per command. */
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { actionsCommand } from './actions.js';
import { demoCommand } from './demo.js';
import { mergeCommand } from './merge.js';
import { importCommand } from './import.js';
import { insightsCommand } from './insights.js';
import { permissionsCommand } from './permissions.js';
import { parityCommand } from './parity.js';
import { pullCommand } from './pull.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIO } from './run-scan.js';
import { scanCommand } from './scan.js';
import { validateCommand } from './validate.js';

export function buildProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  const program = new Command('hubcheck')
    .description('CIS AWS Foundations Benchmark checks as ASFF findings, for AWS Security Hub or local reports')
    .version(VERSION)
    .option('--no-color', 'no colour on a terminal (as with the NO_COLOR environment variable)')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  for (const command of [
    scanCommand(io, setExitCode),
    demoCommand(io, setExitCode),
    rulesCommand(io),
    permissionsCommand(io),
    validateCommand(io, setExitCode),
    mergeCommand(io, setExitCode),
    importCommand(io, setExitCode),
    insightsCommand(io, setExitCode),
    actionsCommand(io, setExitCode),
    reportCommand(io, setExitCode),
    pullCommand(io, setExitCode),
    parityCommand(io, setExitCode),
  ]) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    program.addCommand(command);
  }
  program.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  return program;
}
