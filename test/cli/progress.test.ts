import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const s = Object.assign(new PassThrough(), { isTTY, columns: 60 }) as unknown as NodeJS.WriteStream & PassThrough;
  let out = '';
  s.on('data', (c: Buffer) => (out += c.toString()));
  return { s, out: () => out };
}

describe('progress line', () => {
  it('draws counts on a terminal and clears the line at the end', () => {
    const { s, out } = stream(true);
    const progress = createProgress(s);
    progress.start(2);
    progress.tick('iam-root-mfa-enabled us-east-1');
    progress.tick('ec2-default-sg-closed eu-west-1');
    progress.done();
    expect(out()).toContain('hubcheck: 0/2 checks  starting');
    expect(out()).toContain('hubcheck: 2/2 checks  ec2-default-sg-closed eu-west-1');
    expect(out().endsWith('\r\x1b[K')).toBe(true);
  });

  it('writes no escape codes when stderr is not a terminal, and nothing for a short scan', () => {
    const { s, out } = stream(false);
    let t = 0;
    const progress = createProgress(s, { now: () => t });
    progress.start(3);
    t = 2_000;
    progress.tick('x');
    progress.tick('y');
    progress.done();
    expect(out()).toBe('');
  });

  it('writes a plain line per interval on a long scan that is not on a terminal', () => {
    const { s, out } = stream(false);
    let t = 0;
    const progress = createProgress(s, { now: () => t, quietIntervalMs: 15_000 });
    progress.start(4);
    t = 16_000;
    progress.tick('a');
    t = 20_000;
    progress.tick('b');
    t = 31_000;
    progress.tick('c');
    progress.done();
    expect(out()).toBe('hubcheck: 1/4 checks  (16 s)\nhubcheck: 3/4 checks  (31 s)\n');
    expect(out()).not.toContain('\x1b');
  });

  it('writes nothing at all when turned off, even on a terminal', () => {
    const { s, out } = stream(true);
    const progress = createProgress(s, { enabled: false });
    progress.start(1);
    progress.tick('x');
    progress.done();
    expect(out()).toBe('');
  });
  it('shows a retry in the progress line: redrawn on a terminal, one plain line per interval elsewhere', () => {
    const note = { operation: 'access-analyzer:ListAnalyzers', region: 'us-east-1', attempt: 1, maxAttempts: 3, cause: 'HTTP 500' };
    const tty = stream(true);
    createProgress(tty.s).retrying(note);
    // The terminal line is cut to the width of the terminal (60 columns here).
    expect(tty.out()).toContain('hubcheck: 0/0 checks  retrying access-analyzer:ListAnalyzer');
    const plain = stream(false);
    let t = 0;
    const progress = createProgress(plain.s, { now: () => t, quietIntervalMs: 15_000 });
    progress.retrying(note);
    t = 1_000;
    progress.retrying({ ...note, attempt: 2 });
    expect(plain.out()).toBe('hubcheck: retrying access-analyzer:ListAnalyzers in us-east-1 (HTTP 500, attempt 1 of 3)\n');
  });
});
