/**
 * Scan progress on stderr. On a terminal: one line redrawn in place. Elsewhere (cron, CI logs):
 * no escape codes, only a plain line every `quietIntervalMs` once a scan runs that long, so a
 * long scan shows it is alive while a short one prints nothing.
 */
import type { ScanProgress } from '../engine/scan.js';
import type { RetryNote } from '../data/deadlines.js';

export interface Progress extends ScanProgress {
  /** Shows that a failed AWS call is being retried. */
  retrying(note: RetryNote): void;
  /** Ends the progress display (clears the terminal line). */
  done(): void;
}

export interface ProgressOptions {
  /** false turns progress off entirely (`--no-progress`). */
  enabled?: boolean;
  /** Milliseconds between plain lines when stderr is not a terminal. */
  quietIntervalMs?: number;
  now?: () => number;
}

const NONE: Progress = { start() {}, tick() {}, retrying() {}, done() {} };

/** `retrying access-analyzer:ListAnalyzers in us-east-1 (HTTP 500, attempt 1 of 3)` */
export function retryText(note: RetryNote): string {
  return `retrying ${note.operation} in ${note.region} (${note.cause}, attempt ${note.attempt} of ${note.maxAttempts})`;
}

export function createProgress(stream: NodeJS.WriteStream, options: ProgressOptions = {}): Progress {
  if (options.enabled === false) return NONE;
  const now = options.now ?? Date.now;
  const terminal = Boolean(stream.isTTY);
  const interval = terminal ? 100 : (options.quietIntervalMs ?? 15_000);
  const started = now();
  let total = 0;
  let completed = 0;
  let last = terminal ? 0 : started;
  let lastRetry = -Infinity;
  const text = (label: string) => `hubcheck: ${completed}/${total} checks  ${label}`;
  const draw = (label: string) => {
    if (terminal) {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[K${text(label).slice(0, width)}`);
    } else {
      const seconds = Math.round((now() - started) / 1000);
      stream.write(`${text(`(${seconds} s)`)}\n`);
    }
  };
  return {
    start(n) {
      total += n;
      if (terminal) draw('starting');
    },
    tick(label) {
      completed++;
      const t = now();
      if (t - last >= interval || (terminal && completed === total)) {
        last = t;
        draw(label);
      }
    },
    retrying(note) {
      // On a terminal the note replaces the label; elsewhere at most one plain line per interval.
      const t = now();
      if (terminal) draw(retryText(note));
      else if (t - lastRetry >= interval) {
        lastRetry = t;
        stream.write(`hubcheck: ${retryText(note)}\n`);
      }
    },
    done() {
      if (terminal) stream.write('\r\x1b[K');
    },
  };
}
