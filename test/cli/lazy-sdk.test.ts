/**
 * The AWS SDK's client modules load when a read first needs them, not at start
 * (see "SDK modules load lazily" in src/data/clients.ts): loading all of them
 * cost 1.5–2 s before a scan's first call. The built CLI runs with a module
 * hook that writes down every `@aws-sdk/client-*` module it resolves; a
 * loopback endpoint reads that list when the first request arrives.
 * Runs the built CLI (npm run build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/bin.js');

const dir = mkdtempSync(path.join(tmpdir(), 'hubcheck-lazy-sdk-'));
const log = path.join(dir, 'resolved.txt');
const commandLog = path.join(dir, 'commands.txt');
const COMMAND_FILES = ['scan', 'demo', 'rules', 'permissions', 'validate', 'merge', 'import', 'insights', 'actions', 'report', 'pull', 'parity'];
const hooks = path.join(dir, 'hooks.mjs');
const register = path.join(dir, 'register.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^@aws-sdk\\/client-/.test(specifier)) appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
  const command = /\\/dist\\/src\\/cli\\/(\\w+)\\.js$/.exec(context.parentURL ?? '')?.[1] === 'program' ? /^\\.\\/(\\w+)\\.js$/.exec(specifier)?.[1] : undefined;
  if (command && ${JSON.stringify(COMMAND_FILES)}.includes(command)) appendFileSync(${JSON.stringify(commandLog)}, command + '\\n');
  return next(specifier, context);
}
`,
);
writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

function resolved(): string[] {
  try {
    return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort();
  } catch {
    return [];
  }
}

/** The command modules the program loaded, in the order it loaded them. */
function commandsLoaded(): string[] {
  try {
    return readFileSync(commandLog, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

function run(args: string[], env: Record<string, string> = {}): ChildProcess {
  writeFileSync(log, '');
  writeFileSync(commandLog, '');
  return spawn(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00', AWS_SECRET_ACCESS_KEY: 'example', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

let server: Server;
let endpoint = '';
let onRequest: (() => void) | undefined;

beforeAll(async () => {
  server = createServer((_req, res) => {
    onRequest?.();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SDK client modules load on first use', () => {
  it('a scan has loaded only STS when its first request (GetCallerIdentity) goes out', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'hubcheck-lazy-sdk-out-'));
    const child = run(['scan', '--output-dir', path.join(out, 'report'), '--regions', 'us-east-1'], { AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const atFirstRequest = new Promise<string[]>((resolve) => {
      onRequest = () => {
        onRequest = undefined;
        resolve(resolved());
      };
    });
    // A CLI that ends before any request fails here with what it said, not by a timeout.
    const first = await Promise.race([atFirstRequest, exited(child).then((code) => `exited ${code} before any request: ${stderr}`)]);
    child.kill();
    await exited(child).catch(() => undefined);
    expect(first).toEqual(['@aws-sdk/client-sts']);
  }, 60_000);

  it('`hubcheck rules` loads none', async () => {
    const child = run(['rules']);
    expect(await exited(child)).toBe(0);
    expect(resolved()).toEqual([]);
    expect(commandsLoaded()).toEqual(['rules']);
  }, 60_000);
});

describe('command modules load when the command line names them', () => {
  it('`hubcheck --version` loads no command, `hubcheck scan --help` only scan, `hubcheck --help` all of them', async () => {
    expect(await exited(run(['--version']))).toBe(0);
    expect(commandsLoaded()).toEqual([]);
    expect(await exited(run(['scan', '--help']))).toBe(0);
    expect(commandsLoaded()).toEqual(['scan']);
    expect(await exited(run(['--help']))).toBe(0);
    expect(commandsLoaded().sort()).toEqual([...COMMAND_FILES].sort());
    // A misspelt command loads them all, to suggest the nearest.
    expect(await exited(run(['scna']))).toBe(2);
    expect(commandsLoaded().sort()).toEqual([...COMMAND_FILES].sort());
  }, 60_000);
});
