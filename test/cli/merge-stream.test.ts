/**
 * `hubcheck merge` reads findings files in hubcheck's own layout (`[`, one
 * finding per line, `]`) a line at a time, so shards of any size merge: the
 * whole-file cap (HUBCHECK_MAX_FINDINGS_BYTES) bounds one line there, not the
 * file. Other layouts are read whole, as before. Through the built CLI as a
 * child process (npm run build first).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { countFindings } from '../../src/domain/counts.js';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { findingsJsonChunks } from '../../src/io/findings-json.js';
import { finding } from '../helpers/findings.js';
import { scanDocumentOf } from '../helpers/scan-document.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
/** Below the size of every findings file here (each finding is ~1.2 KB), above one finding. */
const SMALL_CAP = '3000';

interface Outcome {
  code: number;
  stderr: string;
}

function hubcheck(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_REGION: 'us-east-1', ...env }, timeout: 60_000, encoding: 'utf8' },
      (error, _stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

/** A report directory; `layout` is how findings.asff.json is written: 'lines' (hubcheck's), 'pretty', or the text itself. */
async function runDir(dir: string, account: string, findings: AwsSecurityFinding[], layout: string = 'lines'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const text = layout === 'lines' ? [...findingsJsonChunks(findings)].join('') : layout === 'pretty' ? JSON.stringify(findings, null, 2) : layout;
  await writeFile(path.join(dir, 'findings.asff.json'), text);
  await writeFile(path.join(dir, 'scan.json'), JSON.stringify(scanDocumentOf(account, findings)));
  return dir;
}

const A = '111111111111';
const B = '222222222222';
const some = (account: string, n: number, at = '2026-11-01T00:00:00.000Z') =>
  Array.from({ length: n }, (_, i) =>
    finding({ account, resource: `arn:aws:ec2:us-east-1:${account}:security-group/sg-${i}`, status: i % 2 ? 'PASSED' : 'FAILED', severity: 'HIGH', at }),
  );

const readMerged = async (dir: string) => ({
  findings: JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[],
  document: JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8')) as { counts: ReturnType<typeof countFindings>; accounts: { id: string }[] },
});

let base: string;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('build first: npm run build');
  base = await mkdtemp(path.join(tmpdir(), 'hubcheck-merge-stream-'));
});

describe('hubcheck merge streams findings files', () => {
  it('merges files in hubcheck layout whose size is over the findings cap, the newest update winning', async () => {
    const one = some(A, 6);
    // B's findings, and A's sg-0 again, updated later and PASSED now.
    const again = finding({ account: A, resource: `arn:aws:ec2:us-east-1:${A}:security-group/sg-0`, status: 'PASSED', at: '2026-11-02T00:00:00.000Z' });
    const two = [...some(B, 5), again];
    const d1 = await runDir(path.join(base, 'big', 'one'), A, one);
    const d2 = await runDir(path.join(base, 'big', 'two'), B, two);
    for (const dir of [d1, d2]) expect((await readFile(path.join(dir, 'findings.asff.json'))).length).toBeGreaterThan(Number(SMALL_CAP) * 2);
    const out = path.join(base, 'big', 'out');

    const run = await hubcheck(['merge', d1, d2, '--output-dir', out], { HUBCHECK_MAX_FINDINGS_BYTES: SMALL_CAP });
    expect(run.stderr).not.toMatch(/cannot read|not a valid|internal error/);
    expect(run.code).toBe(0);
    const merged = await readMerged(out);
    const expected = [again, ...one.slice(1), ...some(B, 5)];
    expect(merged.findings).toHaveLength(11);
    expect(merged.findings.map((f) => f.Id).sort()).toEqual(expected.map((f) => f.Id).sort());
    expect(merged.findings.find((f) => f.Id === again.Id)?.Compliance?.Status).toBe('PASSED');
    expect(merged.document.counts).toEqual(countFindings(expected));
    expect(merged.document.counts.byStatus).toMatchObject({ FAILED: 5, PASSED: 6 });
    expect(merged.document.accounts.map((a) => a.id)).toEqual([A, B]);
    // Account order, as an unsharded run lists them.
    expect(merged.findings.map((f) => f.AwsAccountId)).toEqual([...Array(6).fill(A), ...Array(5).fill(B)]);

    // The same files read whole (merge of a pretty-printed copy) are refused at that cap, as before.
    const pretty = await runDir(path.join(base, 'big', 'pretty'), A, one, 'pretty');
    const refused = await hubcheck(['merge', pretty, d2, '--output-dir', path.join(base, 'big', 'out2')], { HUBCHECK_MAX_FINDINGS_BYTES: SMALL_CAP });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/over the limit of 3000 bytes/);
  });

  it('an invalid finding on line N of a streamed file is one exit-2 line naming the file and the line', async () => {
    const findings: unknown[] = some(A, 2500);
    findings[1700] = { ...(findings[1700] as object), Severity: { Label: 'SEVERE' } };
    const bad = await runDir(path.join(base, 'invalid', 'bad'), A, findings as AwsSecurityFinding[]);
    const good = await runDir(path.join(base, 'invalid', 'good'), B, some(B, 3));
    const out = path.join(base, 'invalid', 'out');
    const run = await hubcheck(['merge', good, bad, '--output-dir', out]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    // Line 1 is `[`: finding 1700 (0-based) is on line 1702.
    expect(lines[0]).toMatch(new RegExp(`^hubcheck: ${path.join(bad, 'findings.asff.json').replace(/[/.]/g, '\\$&')}: line 1702: not a valid ASFF finding: \\$\\.Severity\\.Label: `));
    expect(existsSync(out)).toBe(false);
  });

  it('a line over the cap in a streamed file is one exit-2 line naming the line', async () => {
    const dir = await runDir(path.join(base, 'long', 'one'), A, some(A, 3));
    const other = await runDir(path.join(base, 'long', 'two'), B, some(B, 1));
    const run = await hubcheck(['merge', dir, other, '--output-dir', path.join(base, 'long', 'out')], { HUBCHECK_MAX_FINDINGS_BYTES: '1000' });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/: line 2 is over the limit of 1000 bytes for one finding \(set HUBCHECK_MAX_FINDINGS_BYTES/)]);
  });

  it('merges pretty-printed and one-line files (read whole) with a streamed one', async () => {
    const pretty = await runDir(path.join(base, 'layouts', 'pretty'), A, some(A, 3), 'pretty');
    const oneLine = await runDir(path.join(base, 'layouts', 'one-line'), B, some(B, 2), JSON.stringify(some(B, 2)));
    const C = '333333333333';
    const lines = await runDir(path.join(base, 'layouts', 'lines'), C, some(C, 4));
    // Starts in hubcheck's layout, then a pretty-printed finding: within the cap, read whole.
    const D = '444444444444';
    const [first, second] = some(D, 2);
    const mixed = await runDir(path.join(base, 'layouts', 'mixed'), D, [first!, second!], `[\n${JSON.stringify(first)},\n${JSON.stringify(second, null, 2)}\n]\n`);
    const out = path.join(base, 'layouts', 'out');
    const run = await hubcheck(['merge', pretty, oneLine, lines, mixed, '--output-dir', out]);
    expect(run.stderr).not.toMatch(/cannot read|not a valid|internal error/);
    expect(run.code).toBe(0);
    const merged = await readMerged(out);
    expect(merged.findings).toHaveLength(11);
    expect(merged.document.counts.total).toBe(11);
    expect(merged.document.accounts.map((a) => a.id)).toEqual([A, B, C, D]);
  });

  it('a file that leaves the streamed layout past the cap is one line naming where', async () => {
    const three = some(A, 3);
    const truncated = await runDir(path.join(base, 'cut', 'one'), A, three, `[\n${three.map((f) => `${JSON.stringify(f)},\n`).join('')}`);
    const other = await runDir(path.join(base, 'cut', 'two'), B, some(B, 1));
    const run = await hubcheck(['merge', truncated, other, '--output-dir', path.join(base, 'cut', 'out')], { HUBCHECK_MAX_FINDINGS_BYTES: SMALL_CAP });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/findings\.asff\.json: at its end: the file ends before the closing \]/)]);
    // Within the cap it is read whole, and the JSON parser says what is wrong.
    const whole = await hubcheck(['merge', truncated, other, '--output-dir', path.join(base, 'cut', 'out')]);
    expect(whole.code).toBe(2);
    expect(whole.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/findings\.asff\.json: not valid JSON/)]);
  });
});
