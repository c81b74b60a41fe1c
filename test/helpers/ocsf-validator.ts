/**
 * An independent OCSF validator for the tests: the pydantic models of PyPI's
 * py-ocsf-models (the package Prowler uses to write OCSF), installed on first
 * use into node_modules/.cache so `npm test` needs no manual step.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = path.join(ROOT, 'node_modules', '.cache', 'py-ocsf-models-0.10.0');
const PACKAGE = 'py-ocsf-models==0.10.0';

/** Installs the validator if needed; returns why it cannot be had, or undefined when it is ready. */
export function ensureOcsfValidator(): string | undefined {
  if (spawnSync('python3', ['--version']).status !== 0) return 'python3 is not installed';
  if (existsSync(path.join(TARGET, 'py_ocsf_models'))) return undefined;
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', TARGET, PACKAGE], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (pip.status !== 0) return `pip could not install ${PACKAGE}: ${(pip.stderr || pip.error?.message || '').split('\n')[0]}`;
  return undefined;
}

const SCRIPT = `
import json, sys
from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding
records = json.load(sys.stdin)
errors = []
for i, record in enumerate(records):
    try:
        ComplianceFinding(**record)
    except Exception as e:
        errors.append(f"record {i}: {str(e)[:500]}")
print(json.dumps({"validated": len(records), "errors": errors}))
`;

/** Validates every record against py-ocsf-models' ComplianceFinding. */
export function validateOcsf(records: unknown[]): { validated: number; errors: string[] } {
  const out = execFileSync('python3', ['-c', SCRIPT], {
    input: JSON.stringify(records),
    env: { ...process.env, PYTHONPATH: TARGET },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as { validated: number; errors: string[] };
}
