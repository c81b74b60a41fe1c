/** What e2e tests need: the moto URL, SDK clients for seeding, and the built CLI. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, inject } from 'vitest';
import type { ClientClass, SdkClient } from '../../src/data/clients.js';
import { DUMMY_CREDENTIALS, motoClient, type MotoCredentials } from '../../src/dev/moto-server.js';

export const MOTO_URL = inject('motoUrl');
export const NO_MOTO_REASON = 'moto_server is not on PATH: the e2e suite needs it (pip install "moto[server]")';
export const ACCOUNT = '123456789012';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/src/cli/bin.js');

export type Credentials = MotoCredentials;
export const DUMMY: Credentials = DUMMY_CREDENTIALS;

export async function resetMoto(url = MOTO_URL): Promise<void> {
  await fetch(`${url}/moto-api/reset-auth`, { method: 'POST', body: 'inf' });
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: ${response.status}`);
}

/** Turns moto's IAM authorisation on (dummy keys then fail) or off. */
export async function enforceAuth(on: boolean, url = MOTO_URL): Promise<void> {
  await fetch(`${url}/moto-api/reset-auth`, { method: 'POST', body: on ? '0' : 'inf' });
}

/** An SDK client aimed at moto, for seeding state. */
export function client<C extends SdkClient>(Client: ClientClass<C>, region = 'us-east-1', credentials = DUMMY, url = MOTO_URL): C {
  return motoClient(Client, url, region, credentials);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `hubcheck` against moto with the given credentials. */
export function runCli(args: string[], options: { credentials?: Credentials; env?: Record<string, string>; url?: string; cwd?: string } = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
  const credentials = options.credentials ?? DUMMY;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ENDPOINT_URL: options.url ?? MOTO_URL,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/hubcheck-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/hubcheck-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, cwd: options.cwd ?? ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `describe`, skipped with the reason in its name when moto_server is not installed. */
export function describeMoto(name: string, body: () => void): void {
  if (MOTO_URL) describe(name, body);
  else describe.skip(`${name} [skipped: ${NO_MOTO_REASON}]`, body);
}
