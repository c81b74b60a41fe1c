import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rulesTable, withRulesTable } from '../src/dev/rules-table.js';

const README = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');

describe('README', () => {
  it('lists every rule as the registry defines it (run npm run docs:rules after changing rules)', () => {
    expect(withRulesTable(README)).toBe(README);
    expect(rulesTable()).toContain('| [iam-root-mfa-enabled](rules/iam/iam-root-mfa-enabled.md) | IAM.9 | CRITICAL | 1.13 | 1.5 | 1.5 | 1.4 |');
  });

  it('shows the two set-up commands', () => {
    expect(README).toContain('npm ci && npm run demo');
    expect(README).toContain('npm test');
  });
});
