/** Bad input gets a clear, one-line error and exit code 2, never a stack trace. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { minimal } from '../helpers/asff-samples.js';
import { cli } from '../helpers/cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-cli-'));
});

function expectOneLineError(result: { code: number; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('usage errors', () => {
  it.each([
    [['scan', '--bogus'], /unknown option '--bogus'/],
    [['scan', '--benchmark', 'cis-2.0.0'], /unknown benchmark cis-2.0.0; use one of cis-1.2.0, cis-1.4.0, cis-3.0.0, cis-5.0.0/],
    [['scan', '--regions', 'narnia'], /narnia is not a Region name/],
    [['scan', '--fail-on', 'extreme'], /use one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL/],
    [['scan', '--rules', 'no-such-rule', '--replay', 'demo/acme-snapshot.json'], /unknown rule id: no-such-rule/],
    [['scan', '--exclude-rules', 'IAM.999', '--replay', 'demo/acme-snapshot.json'], /unknown rule id: IAM.999/],
    [['scan', '--replay', '/nonexistent/snap.json'], /cannot read snapshot \/nonexistent\/snap.json: ENOENT/],
    [['scan', '--record', 'a.json', '--replay', 'b.json'], /--record and --replay cannot be used together/],
    [['scan', '--format', 'pdf', '--replay', 'demo/acme-snapshot.json'], /unknown --format pdf/],
    [['scan', '--rules-dir', '/nonexistent/rules'], /--rules-dir \/nonexistent\/rules: not a readable directory/],
    [['rules', '--severity', 'urgent'], /use one of INFORMATIONAL/],
    [['validate'], /missing required argument 'file'/],
    [['validate', '/nonexistent/findings.json'], /cannot read \/nonexistent\/findings.json: ENOENT/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('hubcheck %j', async (args, pattern) => {
    expectOneLineError(await cli(args), pattern);
  });

  it('rejects a malformed JSON file in one line', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '[{"Id": "x",');
    expectOneLineError(await cli(['validate', file]), /broken.json: not valid JSON/);
  });

  it('rejects a plugin rule with bad metadata in one line', async () => {
    const rulesDir = path.join(dir, 'plugins');
    await import('node:fs/promises').then((fs) => fs.mkdir(rulesDir));
    await writeFile(path.join(rulesDir, 'x.mjs'), "export default { id: 'my-rule', title: 'x' };\n");
    expectOneLineError(await cli(['rules', '--rules-dir', rulesDir]), /x.mjs: rule my-rule: securityHubControlId must be a string or null/);
  });
});

describe('validate', () => {
  it('exits 0 on valid findings and 2 with a path per problem on invalid ones', async () => {
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify([minimal(), { ...minimal(), Id: 'custom-2' }]));
    const ok = await cli(['validate', good]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toBe(`${good}: 2 findings, all valid\n`);

    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([minimal(), { ...minimal(), Title: 'x'.repeat(300), Resources: [] }]));
    const result = await cli(['validate', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${bad}: $[1].Title: must be at most 256 characters (is 300)`,
      `${bad}: $[1].Resources: must have at least 1 item`,
      `${bad}: 1 of 2 findings invalid (2 problems)`,
    ]);
  });
});

describe('help', () => {
  it.each(['scan', 'demo', 'rules', 'permissions', 'validate'])('hubcheck %s --help exits 0 and documents the command', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: hubcheck ${command}`);
  });
});
