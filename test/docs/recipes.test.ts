import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];

describe('README and docs recipes', () => {
  it('reads the README and every docs page', () => {
    expect(DOCS).toContain('README.md');
    expect(DOCS).toContain(path.join('docs', 'operations.md'));
  });

  // `npx --yes hubcheck` runs whatever is published under that name, with the audit role's credentials.
  it.each(DOCS)('%s never runs hubcheck through npx --yes', (file) => {
    const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    const offending = lines.map((line, i) => `${file}:${i + 1}: ${line.trim()}`).filter((l) => /npx\s+(--yes|-y)\s+hubcheck/.test(l));
    expect(offending).toEqual([]);
  });

  it('runs every recipe on the installed command or the image', () => {
    const operations = readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');
    for (const recipe of ['crontab', 'systemd', 'Kubernetes CronJob', 'Kubernetes Indexed Job', 'GitHub Actions']) {
      expect(operations).toContain(`### ${recipe}`);
    }
    expect(operations).toContain('JOB_COMPLETION_INDEX');
    expect(operations).toMatch(/hubcheck merge|args: \["merge"/);
    expect(operations).toContain('npm install -g');
    expect(operations).toContain('image: registry.example.com/hubcheck:');
  });
});
