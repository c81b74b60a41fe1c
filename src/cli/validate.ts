/** `hubcheck validate FILE`: check a file of ASFF findings against Security Hub's rules and limits. */
import { Command } from 'commander';
import { validateFindings } from '../asff/validate.js';
import { terminalText } from '../io/escape.js';
import { readInputJson, type InputKind } from '../io/read-input.js';
import type { CliIO } from './run-scan.js';

/** Reads and parses a JSON file within the input limits of its kind, with a one-line error for anything wrong. */
export async function readJsonFile(file: string, kind: InputKind = 'findings'): Promise<unknown> {
  return readInputJson(file, kind);
}

export function validateCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  return new Command('validate')
    .description('validate a file of ASFF findings (one object or an array); exit 2 if any is invalid')
    .argument('<file>', 'JSON file of findings')
    .action(async (file: string) => {
      const { count, issues } = validateFindings(await readJsonFile(file));
      if (issues.length === 0) {
        io.stdout.write(`${file}: ${count} finding${count === 1 ? '' : 's'}, all valid\n`);
        setExitCode(0);
        return;
      }
      for (const issue of issues) io.stderr.write(`${terminalText(`${file}: ${issue.path}: ${issue.message}`)}\n`);
      const bad = new Set(issues.map((i) => /^\$(\[\d+\])?/.exec(i.path)?.[0])).size;
      io.stderr.write(`${terminalText(file)}: ${bad} of ${count} findings invalid (${issues.length} problems)\n`);
      setExitCode(2);
    });
}
