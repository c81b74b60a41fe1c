import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Registry, loadRulesDir, requirementsFor, runsFor, validateRule } from '../../src/engine/registry.js';
import { UsageError } from '../../src/errors.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';

const make = (id: string, extra: Partial<Rule> = {}): Rule =>
  defineRule({
    id,
    title: id,
    securityHubControlId: null,
    severity: 'LOW',
    cis: {},
    scope: 'account',
    resourceType: 'AwsAccount',
    requiredActions: [],
    remediation: { text: 't', url: 'https://example.com' },
    async evaluate() {
      return [];
    },
    ...extra,
  } as Parameters<typeof defineRule>[0]);

const mapped = make('mapped-everywhere', { securityHubControlId: 'X.1', cis: { '1.2.0': '1.1', '5.0.0': '2.2' }, severity: 'HIGH' });
const extraOnly = make('extra-in-three', { securityHubControlId: 'X.2', cis: { '1.2.0': '3.1' }, cisExtra: { '3.0.0': '4.1' } });
const manualInFive = make('cis-only', { cis: { '1.4.0': '1.11', '5.0.0': '1.10' }, cisStatus: { '1.4.0': 'A/M?', '5.0.0': 'M' } });
const unmapped = make('optional', { securityHubControlId: 'Macie.1', cis: {} });
const registry = new Registry([mapped, extraOnly, manualInFive, unmapped]);
const ids = (rules: Rule[]) => rules.map((r) => r.id);

describe('rule selection', () => {
  it('runs a rule for a version it is mapped or extra-mapped to, unless CIS marks it Manual there', () => {
    expect(runsFor(mapped, '5.0.0')).toBe(true);
    expect(runsFor(mapped, '3.0.0')).toBe(false);
    expect(runsFor(extraOnly, '3.0.0')).toBe(true);
    expect(runsFor(manualInFive, '1.4.0')).toBe(true);
    expect(runsFor(manualInFive, '5.0.0')).toBe(false);
    expect(requirementsFor(extraOnly, '3.0.0')).toEqual(['4.1']);
  });

  it('selects by benchmark, several benchmarks being a union', () => {
    expect(ids(registry.select({ benchmarks: ['5.0.0'] }))).toEqual(['mapped-everywhere']);
    expect(ids(registry.select({ benchmarks: ['1.4.0', '3.0.0'] }))).toEqual(['cis-only', 'extra-in-three']);
  });

  it('runs exactly the rules named, by id or Security Hub control id, whatever the benchmark', () => {
    expect(ids(registry.select({ benchmarks: ['5.0.0'], include: ['optional', 'x.2'] }))).toEqual(['extra-in-three', 'optional']);
    expect(() => registry.select({ benchmarks: ['5.0.0'], include: ['nope'] })).toThrow(new UsageError('unknown rule id: nope (hubcheck rules lists them)'));
  });

  it('excludes and filters by severity', () => {
    expect(ids(registry.select({ benchmarks: ['1.2.0'], exclude: ['X.1'] }))).toEqual(['extra-in-three']);
    expect(ids(registry.select({ benchmarks: ['1.2.0'], severities: ['HIGH'] }))).toEqual(['mapped-everywhere']);
    expect(() => registry.select({ benchmarks: ['1.2.0'], exclude: ['missing'] })).toThrow(UsageError);
  });

  it('refuses two rules with one id', () => {
    expect(() => new Registry([mapped, mapped])).toThrow(/already defined/);
  });
});

describe('validateRule', () => {
  const good = { ...mapped };
  it.each([
    [{ id: 'Not Kebab' }, /id must be a kebab-case string/],
    [{ title: '' }, /title must be a non-empty string/],
    [{ severity: 'INFORMATIONAL' }, /severity must be one of/],
    [{ scope: 'global' }, /scope must be 'account' or 'region'/],
    [{ cis: { '2.0.0': '1.1' } }, /cis has unknown version 2.0.0/],
    [{ cis: { '5.0.0': '' } }, /cis.5.0.0 must be a requirement/],
    [{ requiredActions: ['GetAccountSummary'] }, /requiredActions must be a list of IAM actions/],
    [{ remediation: { text: 'x' } }, /remediation needs a text and an http/],
    [{ evaluate: 'nope' }, /evaluate must be a function/],
    [{ resourceType: [] }, /resourceType/],
    [{ cisStatus: { '5.0.0': 'Maybe' } }, /cisStatus/],
  ])('rejects %j', (patch, message) => {
    expect(() => validateRule({ ...good, ...patch }, 'plugin.js')).toThrow(message);
  });

  it('accepts a complete rule and fills in params', () => {
    expect(validateRule({ ...good, params: undefined }, 'plugin.js').params).toEqual({});
  });
});

describe('loadRulesDir', () => {
  const ruleSource = (id: string) => `export default {
    id: '${id}', title: 'Custom ${id}', securityHubControlId: null, severity: 'MEDIUM', cis: { '5.0.0': '9.9' },
    scope: 'account', resourceType: 'AwsAccount', requiredActions: ['iam:GetAccountSummary'],
    remediation: { text: 'Do the thing.', url: 'https://example.com/${id}' },
    async evaluate({ account }) { return [{ status: 'PASSED', resource: { type: 'AwsAccount', id: 'AWS::::Account:' + account }, reason: 'fine' }]; },
  };\n`;

  it('loads .js and .mjs rules, recursively, and skips tests', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-rules-'));
    await mkdir(path.join(dir, 'nested'));
    await writeFile(path.join(dir, 'a.mjs'), ruleSource('custom-a'));
    await writeFile(path.join(dir, 'nested', 'b.mjs'), ruleSource('custom-b'));
    await writeFile(path.join(dir, 'a.test.mjs'), 'throw new Error("tests are not rules")');
    await writeFile(path.join(dir, 'notes.txt'), 'ignored');
    expect((await loadRulesDir(dir)).map((r) => r.id)).toEqual(['custom-a', 'custom-b']);
  });

  it('says which file and which field is wrong', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-rules-'));
    await writeFile(path.join(dir, 'bad.mjs'), ruleSource('custom-c').replace("severity: 'MEDIUM'", "severity: 'SEVERE'"));
    await expect(loadRulesDir(dir)).rejects.toThrow(new RegExp(`${path.join(dir, 'bad.mjs')}: rule custom-c: severity must be one of`));
  });

  it('reports a file that does not load, and a missing directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-rules-'));
    await writeFile(path.join(dir, 'broken.mjs'), 'export default {{');
    await expect(loadRulesDir(dir)).rejects.toThrow(/broken.mjs: cannot load/);
    await expect(loadRulesDir(path.join(dir, 'missing'))).rejects.toThrow(/not a readable directory/);
  });
});
