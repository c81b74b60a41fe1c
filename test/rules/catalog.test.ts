/**
 * Rule, doc, test and index agree (the ESLint convention): one id everywhere.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { validateRule } from '../../src/engine/registry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULES = path.join(ROOT, 'rules');
const SERVICES = readdirSync(RULES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'lib')
  .map((d) => d.name);
const files = SERVICES.flatMap((service) =>
  readdirSync(path.join(RULES, service))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ service, id: f.replace(/\.ts$/, '') })),
);

export const DOC_HEADINGS = ['## What it checks', '## Why it matters', '## How it is evaluated', '## Edge cases and decisions', '## Remediation'];

describe('the rule catalog', () => {
  it('lists every rule file in rules/index.ts, sorted by id', () => {
    const ids = builtInRules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect([...ids].sort()).toEqual(files.map((f) => f.id).sort());
  });

  it.each(files)('$service/$id: id, doc, test and metadata agree', async ({ service, id }) => {
    const rule = (await import(path.join(RULES, service, `${id}.ts`))).default;
    expect(validateRule(rule, id).id).toBe(id);
    expect(id.startsWith(`${service}-`) || id.startsWith(service.replace(/s$/, ''))).toBe(true);

    const doc = path.join(RULES, service, `${id}.md`);
    expect(existsSync(doc), `${doc} exists`).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text.split('\n')[0]).toBe(`# ${id}`);
    const positions = DOC_HEADINGS.map((h) => text.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p > 0), `${id}.md has ${DOC_HEADINGS.join(', ')}`).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    if (rule.securityHubControlId) {
      expect(text).toContain(`**${rule.securityHubControlId}**`);
      expect(rule.remediation.url).toBe(`https://docs.aws.amazon.com/console/securityhub/${rule.securityHubControlId}/remediation`);
    } else {
      expect(rule.remediation.url).toBe(`https://github.com/hubcheck/hubcheck/blob/main/rules/${service}/${id}.md`);
    }
    const testFile = path.join(ROOT, 'test', 'rules', service, `${id}.test.ts`);
    expect(existsSync(testFile), 'test file exists').toBe(true);
    expect(rule.reasonCodes, `${id} declares its reason codes`).toBeDefined();
    if (rule.reasonCodes) {
      expect(readFileSync(testFile, 'utf8'), `${id}.test.ts tests the rule as a table`).toContain('testRule(');
      expect(text, `${id}.md lists its reason codes`).toContain('\n## Reason codes\n');
      for (const code of Object.keys(rule.reasonCodes)) expect(text, `${id}.md lists ${code}`).toContain(`\`${code}\``);
    }
  });

  it('gives each Security Hub control one rule', () => {
    const controls = builtInRules.map((r) => r.securityHubControlId).filter(Boolean);
    expect(new Set(controls).size).toBe(controls.length);
  });
});
