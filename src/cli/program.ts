/**
 * The `hubcheck` command line: commander, one file per command. Each command's
 * module is loaded only when the command line needs it: `hubcheck scan` loads
 * the scan command and not the eleven others (nor what they import), and
 * `hubcheck --version` loads none. Help, and a command name that is not known
 * (which gets a suggestion), load them all.
 */
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIO } from './run-scan.js';

type CommandFactory = (io: CliIO, setExitCode: (code: number) => void) => Command;

/** The commands in the order help lists them. */
const COMMANDS: readonly (readonly [string, () => Promise<CommandFactory>])[] = [
  ['scan', async () => (await import('./scan.js')).scanCommand],
  ['demo', async () => (await import('./demo.js')).demoCommand],
  ['rules', async () => (await import('./rules.js')).rulesCommand],
  ['permissions', async () => (await import('./permissions.js')).permissionsCommand],
  ['validate', async () => (await import('./validate.js')).validateCommand],
  ['merge', async () => (await import('./merge.js')).mergeCommand],
  ['import', async () => (await import('./import.js')).importCommand],
  ['insights', async () => (await import('./insights.js')).insightsCommand],
  ['actions', async () => (await import('./actions.js')).actionsCommand],
  ['report', async () => (await import('./report.js')).reportCommand],
  ['pull', async () => (await import('./pull.js')).pullCommand],
  ['parity', async () => (await import('./parity.js')).parityCommand],
];

/** The commands `argv` needs: the one it names, none for --version alone, all otherwise. */
export function commandsFor(argv: readonly string[]): readonly string[] {
  // hubcheck's own options (--no-color, --version, --help) take no value: the first word that is not an option is the command.
  const named = argv.find((arg) => !arg.startsWith('-'));
  const known = COMMANDS.map(([name]) => name);
  if (named !== undefined) return known.includes(named) ? [named] : known;
  return argv.some((arg) => arg === '--version' || arg === '-V') && !argv.some((arg) => arg === '--help' || arg === '-h') ? [] : known;
}

export async function buildProgram(io: CliIO, setExitCode: (code: number) => void, argv: readonly string[]): Promise<Command> {
  const program = new Command('hubcheck')
    .description('CIS AWS Foundations Benchmark checks as ASFF findings, for AWS Security Hub or local reports')
    .version(VERSION)
    .option('--no-color', 'no colour on a terminal (as with the NO_COLOR environment variable)')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  const wanted = new Set(commandsFor(argv));
  const factories = await Promise.all(COMMANDS.filter(([name]) => wanted.has(name)).map(([, load]) => load()));
  for (const factory of factories) {
    const command = factory(io, setExitCode);
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    program.addCommand(command);
  }
  program.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  return program;
}
