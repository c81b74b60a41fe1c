/** hubcheck's own name and version, read from package.json (found from the source or the build tree). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'hubcheck') return dir;
    } catch {
      // not here: keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('hubcheck: cannot find its package.json');
    dir = parent;
  }
}

/** The directory holding package.json, rules/ docs and demo/. */
export const PACKAGE_ROOT = findPackageRoot();
export const VERSION: string = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
