/**
 * A first run against an endpoint that is not what it should be (issue 12): no
 * credentials, nothing listening, or one operation answering HTTP 500. Each ends
 * on time with exit 3 and a message a person can act on, never a stack trace.
 *
 * "On time" is measured on top of what the same work costs when nothing is wrong,
 * because on a shared 2-core machine starting Node alone can take seconds: the
 * unreachable endpoint may add at most 10 s to a run that sends nothing, and the
 * faulty operation at most 30 s to a clean scan of the same rules.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

const STACK = /\n\s+at .+:\d+:\d+|TypeError|ReferenceError/;

/** A loopback port nobody listens on: bound, read, and closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeMoto('first contact with a bad endpoint', () => {
  let proxy: FaultProxy;
  /** How long a run that sends nothing takes on this machine now. */
  let startupMs = 0;
  beforeAll(async () => {
    await resetMoto();
    proxy = await startFaultProxy(MOTO_URL);
  });
  afterAll(async () => proxy?.close());

  it('no credentials: exit 3, one line naming what was tried, no files, no request sent', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'hubcheck-nocreds-'));
    proxy.set([]);
    proxy.seen.clear();
    const started = Date.now();
    const result = await runCli(['scan', '--no-progress'], {
      url: proxy.url,
      cwd,
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
    });
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hubcheck: no AWS credentials: tried environment variables/);
    expect(await readdir(cwd)).toEqual([]);
    expect(proxy.seen.size).toBe(0);
    startupMs = Date.now() - started;
  });

  it('nothing listening at the endpoint: exit 3 within 10 s, one line naming the endpoint', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'hubcheck-unreachable-'));
    const started = Date.now();
    const result = await runCli(['scan', '--no-progress'], { url: `http://127.0.0.1:${await closedPort()}`, cwd });
    const ms = Date.now() - started;
    expect(result.code, result.stderr).toBe(3);
    expect(ms, `startup alone took ${startupMs} ms`).toBeLessThan(startupMs + 10_000);
    expect(result.stderr).not.toMatch(STACK);
    const lines = result.stderr.trimEnd().split('\n').filter((l) => l.startsWith('hubcheck:'));
    expect(lines.length, result.stderr).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/127\.0\.0\.1|connect|ECONNREFUSED|reach/i);
  });

  it('one operation answering HTTP 500: the scan ends within 30 s, that operation\'s rules NOT_AVAILABLE naming it', async () => {
    const scan = async (out: string) => {
      const started = Date.now();
      const result = await runCli(['scan', '--regions', 'us-east-1', '--output-dir', out, '--format', 'json', '--no-progress', '--no-state'], { url: proxy.url });
      return { ...result, out, ms: Date.now() - started };
    };
    proxy.set([]);
    const clean = await scan(await mkdtemp(path.join(tmpdir(), 'hubcheck-clean-')));
    // Empty moto leaves a few rules NOT_AVAILABLE already (services it does not serve): compare with it.
    const cleanFindings = JSON.parse(await readFile(path.join(clean.out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    const out = await mkdtemp(path.join(tmpdir(), 'hubcheck-500-'));
    proxy.set([{ action: 'iam:GetAccountPasswordPolicy', fault: 'http-500' }]);
    const result = await scan(out);
    proxy.set([]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.ms, `the clean scan took ${clean.ms} ms`).toBeLessThan(clean.ms + 30_000);
    expect(result.stderr).not.toMatch(STACK);
    const file = path.join(out, 'findings.asff.json');
    expect(existsSync(file)).toBe(true);
    const findings = JSON.parse(await readFile(file, 'utf8')) as AwsSecurityFinding[];
    const rule = (f: AwsSecurityFinding) => String(f.ProductFields?.['hubcheck/RuleId'] ?? '');
    const passwordRules = findings.filter((f) => rule(f).startsWith('iam-password-policy-'));
    expect(passwordRules.length).toBeGreaterThan(0);
    expect(passwordRules.length).toBe(cleanFindings.filter((f) => rule(f).startsWith('iam-password-policy-')).length);
    for (const f of passwordRules) {
      expect(f.Compliance?.Status, rule(f)).toBe('NOT_AVAILABLE');
      expect(JSON.stringify(f.Compliance?.StatusReasons ?? f.Description)).toContain('GetAccountPasswordPolicy');
    }
    // Everything else is as in the clean run.
    const others = (list: AwsSecurityFinding[]) =>
      Object.fromEntries(list.filter((f) => !rule(f).startsWith('iam-password-policy-')).map((f) => [f.Id, f.Compliance?.Status]));
    expect(others(findings)).toEqual(others(cleanFindings));
    expect(Object.values(others(findings)).filter((s) => s !== 'NOT_AVAILABLE').length).toBeGreaterThan(10);
  });
});
