/**
 * Scan progress on stderr. On a terminal: one line redrawn in place. Elsewhere (cron, CI logs):
 * no escape codes, only a plain line every `quietIntervalMs` once a scan runs that long, so a
 * long scan shows it is alive while a short one prints nothing.
 */
import type { ScanProgress } from '../engine/scan.js';

export interface Progress extends ScanProgress {
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

const NONE: Progress = { start() {}, tick() {}, done() {} };

export function createProgress(stream: NodeJS.WriteStream, options: ProgressOptions = {}): Progress {
  if (options.enabled === false) return NONE;
  const now = options.now ?? Date.now;
  const terminal = Boolean(stream.isTTY);
  const interval = terminal ? 100 : (options.quietIntervalMs ?? 15_000);
  const started = now();
  let total = 0;
  let completed = 0;
  let last = terminal ? 0 : started;
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
    done() {
      if (terminal) stream.write('\r\x1b[K');
    },
  };
}
