/** A one-line progress indicator on stderr, drawn only when stderr is a terminal. */
import type { ScanProgress } from '../engine/scan.js';

export interface Progress extends ScanProgress {
  /** Clears the line. */
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream, enabled = Boolean(stream.isTTY)): Progress {
  if (!enabled) return { start() {}, tick() {}, done() {} };
  let total = 0;
  let completed = 0;
  let last = 0;
  const draw = (label: string) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const text = `hubcheck: ${completed}/${total} checks  ${label}`;
    stream.write(`\r\x1b[K${text.slice(0, width)}`);
  };
  return {
    start(n) {
      total += n;
      draw('starting');
    },
    tick(label) {
      completed++;
      const now = Date.now();
      if (now - last >= 100 || completed === total) {
        last = now;
        draw(label);
      }
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
