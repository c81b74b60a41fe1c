/**
 * Every @aws-sdk client must share one @aws-sdk/core and one @smithy/core:
 * paginators and middleware break when clients carry their own copies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function versionsOf(name: string): string[] {
  return [...new Set(Object.entries(lock.packages).filter(([p]) => p.endsWith(`node_modules/${name}`)).map(([, v]) => v.version ?? ''))];
}

describe('AWS SDK packages', () => {
  it.each(['@aws-sdk/core', '@smithy/core', '@aws-sdk/types', '@smithy/types', '@smithy/node-http-handler'])('resolve one version of %s', (name) => {
    expect(versionsOf(name)).toHaveLength(1);
  });

  it('pins every @aws-sdk and @smithy dependency exactly', () => {
    for (const [name, range] of Object.entries(pkg.dependencies)) {
      if (name.startsWith('@aws-sdk/') || name.startsWith('@smithy/')) expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
