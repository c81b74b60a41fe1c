/** The org bench's --shards check: the merged shards against the unsharded run, read a line at a time. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { compareRuns } from '../../bench/org.js';
import { countFindings } from '../../src/domain/counts.js';
import { findingsJsonChunks } from '../../src/io/findings-json.js';
import { finding } from '../helpers/findings.js';

async function run(dir: string, findings: AwsSecurityFinding[], accounts: string[], results = { PASSED: 1, FAILED: 1, WARNING: 0, NOT_AVAILABLE: 0 }) {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'findings.asff.json'), [...findingsJsonChunks(findings)].join(''));
  await writeFile(path.join(dir, 'scan.json'), JSON.stringify({ counts: countFindings(findings), accounts: accounts.map((id) => ({ id })), rules: [{ id: 'r', results }] }));
  return dir;
}

describe('compareRuns', () => {
  const A = '111111111111';
  const B = '222222222222';
  const a = finding({ account: A, status: 'FAILED' });
  const b = finding({ account: B, status: 'PASSED' });

  it('is equal whatever the order of the findings', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bench-compare-'));
    const whole = await run(path.join(base, 'whole'), [a, b], [A, B]);
    const merged = await run(path.join(base, 'merged'), [b, a], [A, B]);
    expect(await compareRuns(whole, merged)).toEqual({ equal: true, findingsCompared: { unsharded: 2, merged: 2 }, differences: [] });
  });

  it('names the first differences: a finding missing or changed, counts, accounts, rule results', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bench-compare-'));
    const whole = await run(path.join(base, 'whole'), [a, b], [A, B]);
    const merged = await run(path.join(base, 'merged'), [{ ...a, Compliance: { Status: 'PASSED' } }], [A], { PASSED: 1, FAILED: 0, WARNING: 0, NOT_AVAILABLE: 0 });
    const result = await compareRuns(whole, merged);
    expect(result.equal).toBe(false);
    expect(result.findingsCompared).toEqual({ unsharded: 2, merged: 1 });
    expect(result.differences).toEqual([
      `finding only in the unsharded run: ${a.Id} FAILED HIGH`,
      `finding only in the merged shards: ${a.Id} PASSED HIGH`,
      `finding only in the unsharded run: ${b.Id} PASSED INFORMATIONAL`,
      '2 findings only in the unsharded run, 1 only in the merged shards',
      expect.stringMatching(/^scan\.json counts: unsharded .*"total":2.*, merged .*"total":1/),
      `scan.json accounts: unsharded 2 (${A},${B}), merged 1 (${A})`,
      'rule r results: unsharded {"PASSED":1,"FAILED":1,"WARNING":0,"NOT_AVAILABLE":0}, merged {"PASSED":1,"FAILED":0,"WARNING":0,"NOT_AVAILABLE":0}',
    ]);
  });
});
