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

  it('writes nothing when stderr is not a terminal', () => {
    const { s, out } = stream(false);
    const progress = createProgress(s);
    progress.start(3);
    progress.tick('x');
    progress.done();
    expect(out()).toBe('');
  });
});
