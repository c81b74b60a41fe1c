/**
 * Development tooling, not used by the CLI: starts the preinstalled moto_server
 * on a free loopback port, and builds SDK clients aimed at it. The e2e tests,
 * the demo recorder and the benchmarks all start moto this way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { ClientClass, SdkClient } from '../data/clients.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  url: string;
  process: ChildProcess;
  stop(): void;
}

/** Starts moto_server; resolves once it answers, or with undefined when moto_server is not installed. */
export async function startMoto(env: Record<string, string> = {}): Promise<MotoServer | undefined> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawned = await new Promise<boolean>((resolve, reject) => {
    child.once('spawn', () => resolve(true));
    child.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(false) : reject(error)));
  });
  if (!spawned) return undefined;
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) return { url, process: child, stop: () => child.kill() };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`moto_server did not start on ${url}: ${stderr}`);
}

export interface MotoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const DUMMY_CREDENTIALS: MotoCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** An SDK client aimed at moto (S3 path-style; S3 Control without its account host prefix). */
export function motoClient<C extends SdkClient>(Client: ClientClass<C>, url: string, region = 'us-east-1', credentials = DUMMY_CREDENTIALS): C {
  const base = { region, credentials, maxAttempts: 1, endpoint: url };
  if (Client.name === 'S3Client') return new Client({ ...base, forcePathStyle: true });
  if (Client.name === 'S3ControlClient') {
    return new Client({ region, credentials, maxAttempts: 1, endpointProvider: () => ({ url: new URL(`${url}/`) }) });
  }
  return new Client(base);
}
