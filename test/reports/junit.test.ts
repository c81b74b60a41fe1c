/** junit.xml: well-formed XML in the JUnit shape CI tools read, with counts that add up. */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { HistoryDelta } from '../../src/history/delta.js';
import { applySuppressions, parseSuppressions } from '../../src/suppressions/suppressions.js';
import { junitReport, xmlText } from '../../reports/junit.js';
import { finding } from '../helpers/findings.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';

const INT = /^\d+$/;
const TIME = /^\d+(\.\d+)?$/;

/**
 * The shape Jenkins, GitLab, Azure DevOps and the GitHub test reporters read
 * (the common subset of the JUnit XSDs): testsuites > testsuite > testcase, the
 * counting attributes on both levels and consistent with the test cases, at
 * most one result element per test case.
 */
function checkJunitShape(root: XmlElement): string[] {
  const problems: string[] = [];
  const need = (el: XmlElement, attr: string, pattern?: RegExp) => {
    const value = el.attrs[attr];
    if (value === undefined) problems.push(`<${el.name} ${el.attrs.name ?? ''}> lacks ${attr}`);
    else if (pattern && !pattern.test(value)) problems.push(`<${el.name}> ${attr}="${value}" is not ${pattern}`);
  };
  if (root.name !== 'testsuites') problems.push(`root is <${root.name}>`);
  for (const a of ['tests', 'failures', 'errors', 'skipped']) need(root, a, INT);
  need(root, 'time', TIME);
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of root.children) {
    if (suite.name !== 'testsuite') {
      problems.push(`<testsuites> holds <${suite.name}>`);
      continue;
    }
    need(suite, 'name');
    for (const a of ['tests', 'failures', 'errors', 'skipped']) need(suite, a, INT);
    need(suite, 'time', TIME);
    if (suite.attrs.timestamp !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(suite.attrs.timestamp)) problems.push(`bad timestamp ${suite.attrs.timestamp}`);
    const counted = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const child of suite.children) {
      if (child.name === 'properties') {
        for (const p of child.children) if (p.name !== 'property' || !('name' in p.attrs) || !('value' in p.attrs)) problems.push('bad <property>');
        continue;
      }
      if (child.name !== 'testcase') {
        problems.push(`<testsuite> holds <${child.name}>`);
        continue;
      }
      counted.tests++;
      need(child, 'name');
      need(child, 'classname');
      need(child, 'time', TIME);
      const results = child.children.filter((c) => ['failure', 'error', 'skipped'].includes(c.name));
      if (results.length > 1) problems.push(`testcase ${child.attrs.name} has ${results.length} results`);
      for (const c of child.children) if (!['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(c.name)) problems.push(`<testcase> holds <${c.name}>`);
      const kind = results[0]?.name;
      if (kind === 'failure') counted.failures++;
      if (kind === 'error') counted.errors++;
      if (kind === 'skipped') counted.skipped++;
    }
    for (const key of Object.keys(counted) as (keyof typeof counted)[]) {
      if (String(counted[key]) !== suite.attrs[key]) problems.push(`testsuite ${suite.attrs.name}: ${key}=${suite.attrs[key]} but ${counted[key]} counted`);
      totals[key] += counted[key];
    }
  }
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
    if (String(totals[key]) !== root.attrs[key]) problems.push(`testsuites: ${key}=${root.attrs[key]} but ${totals[key]} counted`);
  }
  return problems;
}

const hostile = '<img src=x onerror=alert(1)> & "quotes" \u0000\u0007\u001b\uFFFE \uD800 end';
const XML_FORBIDDEN = /[\u0000\u0007\u001b\uFFFE\uD800]/g;
const suppressions = parseSuppressions('suppressions:\n  - rule: IAM.5\n    resource: u1\n    reason: "<accepted> & \\"owned\\""\n    owner: sec\n    expires: 2099-01-01\n', 's.yaml');
const findings = applySuppressions(
  [
    finding({ resource: 'sg-1', name: hostile, reason: `line one\nline two ${hostile}` }),
    finding({ resource: 'sg-2', status: 'PASSED' }),
    finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', severity: 'MEDIUM', resource: 'u1', name: 'bob' }),
    finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', resource: 'u2', status: 'NOT_AVAILABLE', reason: 'Missing permission iam:GetCredentialReport' }),
    finding({ rule: 'rule-w', control: 'X.1', resource: 'w', status: 'WARNING' }),
  ],
  suppressions,
  new Date('2026-11-27T00:00:00Z'),
).findings;
const delta: HistoryDelta = {
  stateFile: 's',
  scanId: 2,
  previousScan: { id: 1, startedAt: '2026-11-26T00:00:00Z' },
  new: [findings[0]!.Id!],
  reopened: [],
  resolved: [],
  suppressed: [findings[2]!.Id!],
  unsuppressed: [],
  trend: [],
};

describe('junitReport', () => {
  const xml = junitReport(findings, { startedAt: '2026-11-27T10:00:00.123Z', durationMs: 1234 }, delta);
  const root = parseXml(xml);

  it('is well-formed XML of the JUnit shape, with counts that add up', () => {
    expect(checkJunitShape(root)).toEqual([]);
    expect(root.attrs).toMatchObject({ tests: '5', failures: '1', errors: '1', skipped: '2', time: '1.234' });
  });

  it('has one suite per control and one case per resource: FAILED a failure, NOT_AVAILABLE an error, suppressed and WARNING skipped, PASSED passing', () => {
    const suites: Record<string, XmlElement> = Object.fromEntries(root.children.map((s) => [s.attrs.name!.split(' ')[0]!, s]));
    expect(Object.keys(suites).sort()).toEqual(['EC2.2', 'IAM.5', 'X.1']);
    const cases = (control: string) =>
      suites[control]!.children.filter((c) => c.name === 'testcase').map((c) => [c.attrs.name, c.attrs.classname, c.children.find((r) => r.name !== 'system-out')?.name ?? 'passed']);
    expect(cases('EC2.2')).toEqual([
      [`123456789012/us-east-1/${hostile.replace(XML_FORBIDDEN, '')}`, 'hubcheck.ec2-default-sg-closed', 'failure'],
      ['123456789012/us-east-1/sg-2', 'hubcheck.ec2-default-sg-closed', 'passed'],
    ]);
    expect(cases('IAM.5').map((c) => c[2]).sort()).toEqual(['error', 'skipped']);
    expect(cases('X.1').map((c) => c[2])).toEqual(['skipped']);
  });

  it('keeps hostile text as text: escaped, forbidden characters removed, the change and suppression in the messages', () => {
    const failure = root.children[0]!.children.find((c) => c.name === 'testcase')!.children[0]!;
    expect(failure.attrs.message).toBe(`NEW: line one line two ${hostile.replace(XML_FORBIDDEN, '')}`);
    expect(failure.attrs.type).toBe('HIGH EC2.2');
    expect(failure.text).toContain('Reason: line one\nline two <img src=x onerror=alert(1)>');
    const skipped = root.children.find((s) => s.attrs.name!.startsWith('IAM.5'))!.children.flatMap((c) => c.children).find((c) => c.name === 'skipped')!;
    expect(skipped.attrs.message).toBe('SUPPRESSED FAILED: <accepted> & "owned" (owner sec, expires 2099-01-01)');
    expect(xml).not.toContain('<img');
  });

  it('is accepted by an independent XML parser (Python ElementTree) when Python is installed', () => {
    if (spawnSync('python3', ['--version']).status !== 0) return;
    const out = execFileSync('python3', ['-c', 'import sys, xml.etree.ElementTree as ET; r = ET.fromstring(sys.stdin.buffer.read()); print(r.tag, len(r.findall("testsuite")), len(list(r.iter("testcase"))))'], { input: xml });
    expect(out.toString().trim()).toBe('testsuites 3 5');
  });

  it('renders an empty scan as an empty but valid report', () => {
    const empty = parseXml(junitReport([], {}));
    expect(checkJunitShape(empty)).toEqual([]);
    expect(empty.attrs.tests).toBe('0');
  });

  it('xmlText strips what XML 1.0 forbids and escapes the five specials', () => {
    expect(xmlText('a\u0001b\uFFFFc<&>"\'\uDC00\u{1F600}')).toBe('abc&lt;&amp;&gt;&quot;&apos;\u{1F600}');
  });
});
