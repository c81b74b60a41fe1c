/**
 * One commit point per run (issue 15), tested the hard way: a scan that brings a
 * new HIGH finding is killed with SIGKILL at 20 random points. Whatever the
 * point, the finding is never lost: either the killed run published its outputs
 * and committed its history (its scan.json lists the finding as new), or it did
 * not commit, and the next completed run reports the finding as new and exits 1
 * under --fail-on-new HIGH. Every output set on disk matches its manifest: it is
 * entirely from one run.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from './moto.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SNAPSHOT = path.join(ROOT, 'demo/acme-snapshot.json');
const KILLS = 20;

interface ScanJson {
  history?: { new: string[] };
}

/** Every file the manifest lists is there with its hash, and nothing else is. */
async function assertWholeSet(dir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(dir, '.hubcheck-set.json'), 'utf8')) as { files: { name: string; sha256: string }[] };
  const files = (await readdir(dir)).filter((f) => f !== '.hubcheck-set.json').sort();
  expect(files).toEqual(manifest.files.map((f) => f.name).sort());
  for (const f of manifest.files) {
    const hash = createHash('sha256').update(await readFile(path.join(dir, f.name))).digest('hex');
    expect(hash, `${f.name} is the one the manifest lists`).toBe(f.sha256);
  }
}

function killedRun(args: string[], afterMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
    stdio: 'ignore',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
}

describe('a scan killed at random points', () => {
  it(`never loses a new HIGH finding, and leaves only whole output sets (${KILLS} kills)`, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-killed-'));
    const out = path.join(dir, 'out');
    const state = path.join(dir, 'state.sqlite');
    const scan = (rules: string) => ['scan', '--replay', SNAPSHOT, '--output-dir', out, '--state', state, '--no-progress', '--fail-on-new', 'HIGH', '--rules', rules];

    // The baseline knows the account without EC2.2; adding EC2.2 (HIGH, FAILED on the demo) brings new HIGH findings.
    const baseline = await runCli(scan('IAM.5'));
    expect(baseline.code, baseline.stderr).toBe(0);
    await copyFile(state, path.join(dir, 'baseline.sqlite'));
    const started = Date.now();
    const full = await runCli(scan('IAM.5,EC2.2'));
    const duration = Date.now() - started;
    expect(full.code, full.stderr).toBe(1);
    const fresh = (JSON.parse(await readFile(path.join(out, 'scan.json'), 'utf8')) as ScanJson).history?.new ?? [];
    expect(fresh.length).toBeGreaterThan(0);

    // Kill points are drawn from a window as long as a run. A run's length varies with
    // the machine's load, so a run that ends before its kill narrows the window, and
    // the loop goes on until KILLS runs were really killed (each run is checked anyway).
    let window = duration;
    let interrupted = 0;
    for (let attempt = 0; interrupted < KILLS && attempt < KILLS * 3; attempt++) {
      await copyFile(path.join(dir, 'baseline.sqlite'), state);
      await rm(out, { recursive: true, force: true });
      const at = Math.floor(Math.random() * window);
      const killed = await killedRun(scan('IAM.5,EC2.2'), at);
      if (killed.signal === 'SIGKILL') interrupted++;
      else window = Math.min(window, Math.floor(killed.ms * 0.9));
      // What the killed run published, if it got that far: a whole set.
      let published: string[] | undefined;
      if (existsSync(path.join(out, 'scan.json'))) {
        await assertWholeSet(out);
        published = (JSON.parse(await readFile(path.join(out, 'scan.json'), 'utf8')) as ScanJson).history?.new ?? [];
      }

      const rerun = await runCli(scan('IAM.5,EC2.2'));
      await assertWholeSet(out);
      const reported = (JSON.parse(await readFile(path.join(out, 'scan.json'), 'utf8')) as ScanJson).history?.new ?? [];
      if (rerun.code === 1) {
        // The killed run did not commit: the rerun reports the findings as new.
        expect(reported.sort(), `kill at ${at} ms`).toEqual([...fresh].sort());
      } else {
        // The killed run committed, which it does only after publishing: its outputs say the findings are new.
        expect(rerun.code, `kill at ${at} ms: ${rerun.stderr}`).toBe(0);
        expect(reported).toEqual([]);
        expect(published?.sort(), `kill at ${at} ms: the committed run published the new findings`).toEqual([...fresh].sort());
      }
    }
    expect(interrupted, `runs killed before they ended (window ${window} ms)`).toBe(KILLS);
  }, 900_000);
});
