import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

describe('logger', () => {
  it('writes JSON and redacts credentials wherever they appear', () => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const logger = createLogger('info', stream);
    logger.info(
      {
        credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrEXAMPLEKEY' },
        request: { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/...' } },
        sessionToken: 'FwoGZXIvYXdzEXAMPLE',
        region: 'eu-west-1',
      },
      'calling',
    );
    const line = JSON.parse(out.trim());
    expect(line).toMatchObject({ msg: 'calling', region: 'eu-west-1', credentials: '[redacted]', sessionToken: '[redacted]' });
    expect(out).not.toContain('AKIAEXAMPLE');
    expect(out).not.toContain('wJalrEXAMPLEKEY');
    expect(out).not.toContain('FwoGZXIvYXdzEXAMPLE');
  });
});
