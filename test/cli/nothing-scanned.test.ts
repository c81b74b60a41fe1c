/**
 * Scanning nothing is never a clean scan: no account (an organization that lists none,
 * an empty shard), no rule, or no credentials end with exit 3, one line saying why,
 * and no files.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialSources } from '../../src/app/credential-help.js';
import { cli } from '../helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');

async function emptyDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'hubcheck-nothing-'));
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('nothing to scan', () => {
  const sts = mockClient(STSClient);
  const orgs = mockClient(OrganizationsClient);
  afterEach(() => {
    sts.reset();
    orgs.reset();
  });

  it('an organization that lists no active account: exit 3, one line, no files', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor', UserId: 'AIDA' });
    orgs.on(ListAccountsCommand).resolves({ Accounts: [{ Id: '222222222222', Name: 'gone', Status: 'SUSPENDED' }] });
    const dir = await emptyDir();
    const result = await cli(['scan', '--organization', '--role-name', 'Audit', '--regions', 'us-east-1', '--output-dir', path.join(dir, 'reports', 'run'), '--no-progress']);
    expect(result.code).toBe(3);
    expectOneLine(result.stderr, /^hubcheck: nothing to scan: the organization lists no active account$/);
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);

  it('an empty shard: exit 3 naming the shard', async () => {
    const dir = await emptyDir();
    // The demo snapshot holds one account: shard 2 of 2 is empty.
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--shard', '2/2', '--output-dir', path.join(dir, 'reports', 'run'), '--no-progress']);
    expect(result.code).toBe(3);
    expectOneLine(result.stderr, /^hubcheck: nothing to scan: shard 2\/2 of the account list is empty$/);
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);

  it('no rule selected: exit 3 naming the selection flags', async () => {
    const dir = await emptyDir();
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--rules', 'IAM.5', '--severity', 'LOW', '--output-dir', path.join(dir, 'reports', 'run'), '--no-progress']);
    expect(result.code).toBe(3);
    expectOneLine(result.stderr, /^hubcheck: nothing to scan: the rule selection .* matches no rule$/);
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);
});

describe('no credentials', () => {
  it('lists the sources the chain tries, in order, leaving out what the environment turned off', () => {
    const env = { AWS_CONFIG_FILE: '/etc/none/config', AWS_SHARED_CREDENTIALS_FILE: '/etc/none/credentials' };
    const all = credentialSources(undefined, env);
    expect(all[0]).toMatch(/^environment variables/);
    expect(all[1]).toBe('profile "default" in /etc/none/credentials and /etc/none/config (keys, SSO, credential_process, role)');
    expect(all.at(-1)).toBe('EC2 instance metadata');
    expect(credentialSources(undefined, { ...env, AWS_EC2_METADATA_DISABLED: 'true' })).not.toContain('EC2 instance metadata');
    expect(credentialSources('audit', env)).toEqual(['profile "audit" in /etc/none/credentials and /etc/none/config (keys, SSO, credential_process, role)']);
  });

  // The real bin with an empty environment: nothing of the test runner's dummy credentials leaks in.
  it.skipIf(!existsSync(BIN))('the built CLI exits 3 with one line and writes nothing (needs npm run build)', async () => {
    const cwd = await emptyDir();
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: cwd,
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const started = Date.now();
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'scan', '--no-progress'], { env, cwd }, (error, _stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stderr });
      });
    });
    expect(result.code).toBe(3);
    expectOneLine(result.stderr, /^hubcheck: no AWS credentials: tried environment variables .*profile "default" in \/nonexistent.* Set AWS_PROFILE or --profile/);
    expect(result.stderr).not.toContain('instance metadata');
    expect(await readdir(cwd)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
