/** `hubcheck validate FILE`: check a file of ASFF findings against Security Hub's rules and limits. */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { validateFindings } from '../asff/validate.js';
import { UsageError } from '../errors.js';
import type { CliIO } from './run-scan.js';

/** Reads and parses a JSON file, with a one-line error for a missing file or bad JSON. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
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
      for (const issue of issues) io.stderr.write(`${file}: ${issue.path}: ${issue.message}\n`);
      const bad = new Set(issues.map((i) => /^\$(\[\d+\])?/.exec(i.path)?.[0])).size;
      io.stderr.write(`${file}: ${bad} of ${count} findings invalid (${issues.length} problems)\n`);
      setExitCode(2);
    });
}
