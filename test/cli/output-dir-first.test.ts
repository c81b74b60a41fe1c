/**
 * An output folder that cannot be written is found before the scan starts:
 * exit 2, one line, and not one request to AWS (a loopback endpoint counts them).
 * Runs the built CLI (npm run build).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/bin.js');

let requests = 0;
let server: Server;
let endpoint = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function scan(outputDir: string): Promise<{ code: number; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'scan', '--output-dir', outputDir, '--no-progress'], { env }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

describe('an unusable --output-dir', () => {
  it('under a file: exit 2 with one line, before any AWS call', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hubcheck-outdir-'));
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const result = await scan(path.join(dir, 'a-file', 'reports'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/a-file/);
    expect(requests).toBe(0);
  });

  it('under /proc: exit 2 at once, before any AWS call', async () => {
    const started = Date.now();
    const result = await scan('/proc/hubcheck-x/reports');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(requests).toBe(0);
  });
});
