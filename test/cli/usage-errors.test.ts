/** Bad input gets a clear, one-line error and exit code 2, never a stack trace. */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { minimal } from '../helpers/asff-samples.js';
import { cli } from '../helpers/cli.js';

// Each test runs a CLI scan of the demo replay: seconds alone, far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

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
    [['scan', '--fail-on-new', 'extreme'], /option '--fail-on-new <severity>' argument 'extreme' is invalid. use one of INFORMATIONAL/],
    [['scan', '--lock-timeout', '-1'], /option '--lock-timeout <seconds>' argument '-1' is invalid. expected a whole number of 0 or more/],
    [['scan', '--history-retention-days', '0'], /expected a whole number of 1 or more/],
    [['scan', '--notify', 'ftp://example.com/hook'], /expected an http\(s\) URL/],
    [['scan', '--config', '/nonexistent/hubcheck.yaml'], /cannot read config file \/nonexistent\/hubcheck.yaml: ENOENT/],
    [['scan', '--suppressions', '/nonexistent/s.yaml', '--replay', 'demo/acme-snapshot.json'], /cannot read suppressions file \/nonexistent\/s.yaml: ENOENT/],
    [['report'], /missing required argument 'file'/],
    [['report', '/nonexistent/findings.json'], /cannot read \/nonexistent\/findings.json: ENOENT/],
    [['report', 'demo/acme-snapshot.json', '--format', 'pdf'], /unknown format pdf; use html, csv, junit, md/],
  ])('hubcheck %j', async (args, pattern) => {
    expectOneLineError(await cli(args), pattern);
  });

  it('rejects a malformed JSON file in one line', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '[{"Id": "x",');
    expectOneLineError(await cli(['validate', file]), /broken.json: not valid JSON/);
  });

  it('rejects a malformed suppressions file in one line naming file:line, before scanning', async () => {
    const file = path.join(dir, 'suppressions.yaml');
    await writeFile(file, 'suppressions:\n  - rule: IAM.5\n    reason: known\n    owner: me\n    expires: soon\n');
    const out = path.join(dir, 'not-written');
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--suppressions', file, '--output-dir', out]);
    expectOneLineError(result, new RegExp(`^hubcheck: ${file}:5: suppression 1: expires must be a date like 2027-01-31`));
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a findings file that is not findings, for hubcheck report', async () => {
    const file = path.join(dir, 'not-findings.json');
    await writeFile(file, '[{"Id": "a"}, 42]');
    expectOneLineError(await cli(['report', file]), /not-findings.json: not a valid ASFF findings file: \$\[0\]/);
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
  it.each(['scan', 'demo', 'rules', 'permissions', 'validate', 'report'])('hubcheck %s --help exits 0 and documents the command', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: hubcheck ${command}`);
  });

  it('documents the exit codes in hubcheck --help and hubcheck scan --help', async () => {
    for (const args of [['--help'], ['scan', '--help']]) {
      const { stdout } = await cli(args);
      expect(stdout).toContain('Exit codes:');
      expect(stdout).toMatch(/1 +a FAILED finding \(not suppressed\) at or above --fail-on, or new or reopened\n +since the previous scan at or above --fail-on-new/);
      expect(stdout).toMatch(/3 +the scan finished but some checks \(or accounts\) could not be evaluated/);
    }
  });
});
