/**
 * Writes rules/index.ts, the explicit sorted list of built-in rules, from the
 * rule files on disk (`npm run rules:index`). The file stays committed and
 * explicit; this only saves typing and merge conflicts. The catalog test
 * checks that the list and the files agree.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function rulesIndexSource(root = path.join(PACKAGE_ROOT, 'rules')): string {
  const entries = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'lib')
    .flatMap((d) =>
      readdirSync(path.join(root, d.name))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .map((f) => ({ dir: d.name, id: f.replace(/\.ts$/, '') })),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return [
    '/**',
    ' * Every built-in rule, sorted by id. Explicit on purpose: no registration by',
    ' * import side effect. The CLI hands this list to the registry.',
    ' * (Regenerate with `npm run rules:index` after adding a rule file.)',
    ' */',
    "import type { Rule } from '../src/engine/rule.js';",
    ...entries.map((e) => `import ${camel(e.id)} from './${e.dir}/${e.id}.js';`),
    '',
    'export const builtInRules: readonly Rule[] = [',
    ...entries.map((e) => `  ${camel(e.id)},`),
    '] as readonly Rule[];',
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('rules-index.js')) {
  const file = path.join(PACKAGE_ROOT, 'rules', 'index.ts');
  writeFileSync(file, rulesIndexSource());
  process.stderr.write(`wrote ${file}\n`);
}
