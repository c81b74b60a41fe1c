/**
 * Every output of one scan tells the same story. A replay of the demo account
 * with a suppressions file that accepts the FAILED HIGH EC2.2 findings: the
 * console summary, summary.md, report.html, junit.xml, findings.csv, scan.json
 * and the exit code must agree on FAILED, SUPPRESSED and failing-by-severity.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

// A full replay of the demo account: seconds alone, far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
type Tally = { failed: number; suppressed: number; failing: Record<(typeof SEVERITIES)[number], number> };

const num = (text: string, pattern: RegExp): number => {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no match for ${pattern} in:\n${text.slice(0, 2000)}`);
  return Number(match[1]);
};
const bySeverity = (read: (s: (typeof SEVERITIES)[number]) => number) => Object.fromEntries(SEVERITIES.map((s) => [s, read(s)])) as Tally['failing'];

/** RFC 4180 rows (quoted fields, doubled quotes, a leading BOM). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const tallies = {
  console(stderr: string): Tally {
    return {
      failed: num(stderr, /findings: PASSED \d+ +FAILED (\d+)/),
      suppressed: num(stderr, /NOT_AVAILABLE \d+ +SUPPRESSED (\d+)/),
      failing: bySeverity((s) => num(stderr, new RegExp(`Failing by severity[^\\n]*\\b${s} (\\d+)`))),
    };
  },
  markdown(md: string): Tally {
    // | FAILED | WARNING | NOT_AVAILABLE | PASSED | Suppressed | Total |
    const row = /\| FAILED \| WARNING \| NOT_AVAILABLE \| PASSED \| Suppressed \| Total \|\n\|[-| ]+\|\n\| (\d+) \| \d+ \| \d+ \| \d+ \| (\d+) \| \d+ \|/.exec(md);
    if (!row) throw new Error(`no counts table in summary.md:\n${md.slice(0, 1500)}`);
    return {
      failed: Number(row[1]),
      suppressed: Number(row[2]),
      failing: bySeverity((s) => num(md, new RegExp(`Failing by severity:[^\\n]*\\b${s} (\\d+)`))),
    };
  },
  html(html: string): Tally {
    const bar = (key: string) => num(html, new RegExp(`class="bar-${key}"[^>]*/><text [^>]*>(\\d+)</text>`));
    return { failed: bar('FAILED'), suppressed: bar('SUPPRESSED'), failing: bySeverity(bar) };
  },
  junit(xml: string): Tally {
    const suites = [...xml.matchAll(/<testsuite name="[^"]*" tests="\d+" failures="(\d+)"[^>]*>\s*<properties>\s*<property name="severity" value="(\w+)"\/>/g)];
    const skippedSuppressed = [...xml.matchAll(/<skipped message="SUPPRESSED (\w+):/g)];
    const failing = bySeverity((s) => suites.filter((m) => m[2] === s).reduce((sum, m) => sum + Number(m[1]), 0));
    return {
      failed: num(xml, /<testsuites [^>]*failures="(\d+)"/) + skippedSuppressed.filter((m) => m[1] === 'FAILED').length,
      suppressed: skippedSuppressed.length,
      failing,
    };
  },
  csv(text: string): Tally {
    const [header, ...rows] = csvRows(text).filter((r) => r.length > 1);
    const col = (name: string) => header!.indexOf(name);
    const [status, workflow, severity] = [col('Status'), col('Workflow'), col('Severity')];
    const failingRows = rows.filter((r) => r[status] === 'FAILED' && r[workflow] !== 'SUPPRESSED');
    return {
      failed: rows.filter((r) => r[status] === 'FAILED').length,
      suppressed: rows.filter((r) => r[workflow] === 'SUPPRESSED').length,
      failing: bySeverity((s) => failingRows.filter((r) => r[severity] === s).length),
    };
  },
};

describe('every output agrees on FAILED, SUPPRESSED and failing by severity', () => {
  it.each([
    { name: 'the whole demo account', rules: [] as string[], exit: 1 },
    { name: 'EC2.2 and IAM.5 only (nothing failing at HIGH once EC2.2 is suppressed)', rules: ['--rules', 'EC2.2,IAM.5'], exit: 0 },
  ])('$name', async ({ rules, exit }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-agreement-'));
    const suppressions = path.join(dir, 'suppressions.yaml');
    await writeFile(suppressions, 'suppressions:\n  - rule: EC2.2\n    reason: Lab VPCs\n    owner: netops\n    expires: 2099-12-31\n');
    const out = path.join(dir, 'out');
    const result = await cli([
      'scan', '--replay', 'demo/acme-snapshot.json', '--output-dir', out, '--no-state', '--no-progress',
      '--suppressions', suppressions, '--format', 'html,csv,junit,md', '--fail-on', 'HIGH', ...rules,
    ]);
    const read = (file: string) => readFile(path.join(out, file), 'utf8');

    // The case this test is about: FAILED HIGH findings that are suppressed.
    const findings = JSON.parse(await read('findings.asff.json')) as AwsSecurityFinding[];
    const accepted = findings.filter((f) => f.Compliance?.SecurityControlId === 'EC2.2' && f.Compliance.Status === 'FAILED');
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((f) => f.Severity?.Label === 'HIGH' && f.Workflow?.Status === 'SUPPRESSED')).toBe(true);

    const scan = JSON.parse(await read('scan.json')) as { counts: { byStatus: { FAILED: number }; suppressed: number; failingBySeverity: Tally['failing'] } };
    const expected: Tally = {
      failed: scan.counts.byStatus.FAILED,
      suppressed: scan.counts.suppressed,
      failing: bySeverity((s) => scan.counts.failingBySeverity[s]),
    };
    expect(expected.suppressed).toBe(accepted.length);
    expect(expected.failed).toBe(findings.filter((f) => f.Compliance?.Status === 'FAILED').length);

    expect(tallies.console(result.stderr)).toEqual(expected);
    expect(tallies.markdown(await read('summary.md'))).toEqual(expected);
    expect(tallies.html(await read('report.html'))).toEqual(expected);
    expect(tallies.junit(await read('junit.xml'))).toEqual(expected);
    expect(tallies.csv(await read('findings.csv'))).toEqual(expected);

    // The console's top failing controls leave the accepted control out.
    expect(result.stderr.split('Top failing controls:')[1] ?? '').not.toMatch(/\bEC2\.2\b/);
    // The exit code follows the same counts: 1 exactly when something failing is at HIGH or above.
    expect(result.code).toBe(expected.failing.CRITICAL + expected.failing.HIGH > 0 ? 1 : 0);
    expect(result.code).toBe(exit);
  });
});
