/**
 * Runs the command line and turns every outcome into an exit code. Usage and input errors print one line and exit 2; nothing
 * prints a stack trace unless --log-level debug asks for it.
 */
import { CommanderError } from 'commander';
import { FatalScanError, UsageError } from '../errors.js';
import { terminalText } from '../io/escape.js';
import { colorEnabled } from './color.js';
import { buildProgram } from './program.js';
import type { CliIO } from './run-scan.js';

export async function main(argv: string[], terminal: CliIO): Promise<number> {
  const io: CliIO = { ...terminal, color: terminal.color ?? colorEnabled(terminal.stderr, argv) };
  let exitCode = 0;
  try {
    const program = await buildProgram(
      io,
      (code) => {
        exitCode = code;
      },
      argv,
    );
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with code 0; everything else commander has already printed.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`hubcheck: ${terminalText(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof FatalScanError) {
      io.stderr.write(`hubcheck: ${terminalText(message)}\n`);
      return 3;
    }
    io.stderr.write(`hubcheck: internal error: ${terminalText(message.split('\n')[0]!)}\n`);
    if (argv.includes('debug') && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 3;
  }
}
