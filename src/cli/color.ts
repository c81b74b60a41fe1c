/**
 * Colour on stderr: on a terminal, unless NO_COLOR is set (https://no-color.org, any
 * non-empty value) or `--no-color` is given. Logs, pipes and files never get escape codes.
 */
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';

export type { Colors };

export function colorEnabled(stream: { isTTY?: boolean }, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

export function colors(enabled: boolean | undefined): Colors {
  return pc.createColors(Boolean(enabled));
}
