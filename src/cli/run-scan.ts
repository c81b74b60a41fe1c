/**
 * `hubcheck scan` and `hubcheck demo` from parsed flags to printed summary:
 * select the rules, hand them to the scan pipeline (src/app/pipeline.ts), print
 * the summary, and return the exit code the outcome gives. No file is written
 * and no result is changed here.
 */
import { checkRequest, type ScanRequest } from '../app/request.js';
import { runPipeline } from '../app/pipeline.js';
import { exitCodeFor, type ScanOutcome } from '../app/outcome.js';
import { FatalScanError } from '../errors.js';
import { colors } from './color.js';
import { openHint } from './open-hint.js';
import { changeCounts, type HistoryDelta } from '../history/delta.js';
import { consoleSummary } from '../../reports/summary.js';
import type { SelectionOptions } from './options.js';
import { createProgress } from './progress.js';
import { selectRules } from './select.js';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Colour the summary on stderr (a terminal, no NO_COLOR, no --no-color). */
  color?: boolean;
}

/** The scan flags: a scan request before the rules are selected, plus what only the terminal needs. */
export type RunScanOptions = Omit<ScanRequest, 'rules' | 'benchmarks' | 'format'> &
  SelectionOptions & {
    format: string[];
    progress: boolean;
  };

export async function runScan(options: RunScanOptions, io: CliIO): Promise<{ exitCode: number; outcome: ScanOutcome }> {
  checkRequest(options);
  const { benchmarks, rules } = await selectRules(options);
  if (rules.length === 0) throw new FatalScanError('nothing to scan: the rule selection (--benchmark, --rules, --exclude-rules, --severity) matches no rule');
  const { progress: showProgress, benchmark: _benchmark, rules: _rules, excludeRules: _exclude, severity: _severity, rulesDir: _dir, ...rest } = options;
  const outcome = await runPipeline(
    { ...rest, rules, benchmarks },
    { stderr: io.stderr, progress: createProgress(io.stderr, { enabled: showProgress }) },
  );
  try {
    io.stderr.write(consoleSummary(outcome.findings, outcome.document, options.outputDir, undefined, colors(io.color), outcome.delta));
    if (outcome.delta) io.stderr.write(historySummary(outcome.delta, outcome.document.suppressions?.suppressed));
    io.stderr.write(`${colors(io.color).bold(openHint(options.outputDir, options.format))}\n`);
    return { exitCode: exitCodeFor(outcome), outcome };
  } finally {
    // The findings are written and summed up; their spool goes.
    outcome.findings.release();
  }
}

function historySummary(delta: HistoryDelta, suppressed: number | undefined): string {
  const since = delta.previousScan ? `since ${delta.previousScan.startedAt}` : 'first scan in the state file';
  const changed = changeCounts(delta);
  return `  History (${since}): ${changed.new} new, ${changed.reopened} reopened, ${changed.resolved} resolved, ${suppressed ?? changed.suppressed} suppressed\n  State: ${delta.stateFile}\n`;
}

