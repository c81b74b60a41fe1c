/**
 * The reports of a large scan in bounded memory: findings given as an iterable
 * that makes each finding when it is read (as the scan's spool on disk does),
 * one pass per report, a model that keeps a fixed number of finding views per
 * control whatever the number of findings, and reports that say where they
 * stop listing.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { countVerdicts } from '../../src/domain/counts.js';
import { CHANGE_BITS, findingChanges, type HistoryDelta } from '../../src/history/delta.js';
import { csvReport, csvReportChunks } from '../../reports/csv.js';
import { htmlReport } from '../../reports/html.js';
import { renderReports } from '../../reports/index.js';
import { junitReport } from '../../reports/junit.js';
import { markdownReport } from '../../reports/markdown.js';
import {
  REPORT_CHANGES_LISTED,
  REPORT_ROWS_PER_CONTROL,
  complianceScores,
  controlGroups,
  failingSpread,
  findingViews,
  reportModel,
  scanScope,
  verdictOf,
} from '../../reports/model.js';
import { ocsfReport, ocsfReportChunks, toOcsf } from '../../reports/ocsf.js';
import { finding } from '../helpers/findings.js';
import { parseXml } from '../helpers/xml.js';

const K = REPORT_ROWS_PER_CONTROL;
const CONTROLS = [
  ['ec2-default-sg-closed', 'EC2.2', 'HIGH'],
  ['iam-user-console-mfa-enabled', 'IAM.5', 'MEDIUM'],
  ['s3-bucket-public-access-blocked', 'S3.8', 'CRITICAL'],
] as const;
const STATUSES = ['FAILED', 'PASSED', 'WARNING', 'NOT_AVAILABLE'] as const;

/** Finding i of a generated organization scan: made when read, held by nobody. */
function generated(i: number): AwsSecurityFinding {
  const [rule, control, severity] = CONTROLS[i % 3]!;
  const f = finding({
    rule,
    control,
    severity,
    status: STATUSES[(i >> 2) % 4]!,
    account: String(100000000000 + (i % 97)),
    region: ['us-east-1', 'eu-west-1', 'ap-south-1'][(i >> 3) % 3]!,
    resource: `res-${i}`,
    name: `<b>name ${i % 1000}</b>`,
    requirements: [`CIS AWS Foundations Benchmark v5.0.0/${1 + (i % 3)}.${i % 5}`],
  });
  if (i % 11 === 0) {
    f.Workflow = { Status: 'SUPPRESSED' };
    f.ProductFields = { ...f.ProductFields, 'hubcheck/Suppression/Reason': 'accepted', 'hubcheck/Suppression/Owner': 'sec', 'hubcheck/Suppression/Expires': '2099-01-01' };
  }
  return f;
}

/** A re-iterable source like the scan's spool: every iteration makes the findings anew, and is counted. */
function spool(count: number, make: (i: number) => AwsSecurityFinding = generated): Iterable<AwsSecurityFinding> & { passes: number } {
  const source = {
    passes: 0,
    *[Symbol.iterator](): Generator<AwsSecurityFinding> {
      source.passes++;
      for (let i = 0; i < count; i++) yield make(i);
    },
  };
  return source;
}

describe('reportModel over 20,000 lazily generated findings', () => {
  const N = 20_000;
  const findings = spool(N);
  const delta: HistoryDelta = {
    stateFile: 's',
    scanId: 2,
    previousScan: { id: 1, startedAt: '2026-11-26T00:00:00Z' },
    // Failing findings of the first control (i % 3 === 0, status FAILED): far more than are listed.
    new: Array.from({ length: 400 }, (_, j) => generated(j * 48).Id!),
    reopened: [],
    resolved: [],
    suppressed: [],
    unsuppressed: [],
    trend: [],
  };
  const model = reportModel(findings, delta);

  it('reads the findings once and keeps at most REPORT_ROWS_PER_CONTROL views per control, with the real totals', () => {
    expect(findings.passes).toBe(1);
    expect(K).toBe(250);
    expect(model.groups).toHaveLength(3);
    for (const g of model.groups) {
      expect(g.findings.length).toBe(K);
      expect(g.total).toBeGreaterThan(6000);
    }
    expect(model.groups.reduce((n, g) => n + g.total, 0)).toBe(N);
    expect(model.changed.new.listed).toHaveLength(REPORT_CHANGES_LISTED);
    expect(model.changed.new.found).toBe(400);
    expect(model.suppressed.listed.length).toBeLessThanOrEqual(REPORT_CHANGES_LISTED);
    expect(model.suppressed.total).toBe(Math.ceil(N / 11));
  });

  it('counts, scores and spreads exactly as over every finding held at once', () => {
    const all = [...findings];
    const views = findingViews(all, delta);
    expect(model.counts).toEqual(countVerdicts(all.map(verdictOf)));
    expect(model.counts.total).toBe(N);
    expect(model.scores).toEqual(complianceScores(views));
    expect(model.scope).toEqual(scanScope(views, {}));
    const full = controlGroups(views);
    expect(model.groups.map((g) => [g.control, g.outcome, g.failing, g.total, g.failures, g.errors, g.skipped])).toEqual(
      full.map((g) => [g.control, g.outcome, g.failing, g.findings.length, g.failures, g.errors, g.skipped]),
    );
    model.groups.forEach((g, i) => {
      expect(failingSpread(g)).toEqual(failingSpread(full[i]!));
      // The listed views are the first of the full order (failing first).
      expect(g.findings.map((v) => v.id)).toEqual(full[i]!.findings.slice(0, K).map((v) => v.id));
      expect(g.findings[0]!.status).toBe('FAILED');
    });
  });

  it('is shared by the reports of one run: HTML, Markdown and JUnit read the findings once between them', () => {
    const source = spool(3000);
    htmlReport(source);
    markdownReport(source);
    junitReport(source);
    expect(source.passes).toBe(1);
  });

  it('gives the same first views as a full sort, whatever the limits (a bounded selection, not a sample)', () => {
    const mixed = Array.from({ length: 900 }, (_, i) => generated((i * 7919) % 20_000));
    const views = findingViews(mixed);
    const small = reportModel(mixed, undefined, {}, { rowsPerControl: 7, changes: 3 });
    const full = controlGroups(views);
    expect(small.groups.map((g) => g.findings.map((v) => v.id))).toEqual(full.map((g) => g.findings.slice(0, 7).map((v) => v.id)));
    expect(small.groups.map((g) => g.total)).toEqual(full.map((g) => g.findings.length));
  });
});

describe('a delta whose lists are cut (an organization\'s first scan)', () => {
  const findings = spool(3000);
  // Failing findings of the first control: 60 of them new; the delta lists the first 5 and counts all 60.
  const fresh = Array.from({ length: 60 }, (_, j) => generated(j * 48).Id!);
  const cut: HistoryDelta = {
    stateFile: 's',
    scanId: 1,
    previousScan: null,
    counts: { new: 60, reopened: 0, resolved: 0, suppressed: 0, unsuppressed: 0 },
    new: fresh.slice(0, 5),
    reopened: [],
    resolved: [],
    suppressed: [],
    unsuppressed: [],
    trend: [],
  };
  // What the state file answers: every finding's change (here, the whole list's).
  const live: HistoryDelta = { ...cut, changes: findingChanges({ ...cut, new: fresh }) };
  const newRows = (csv: string) => csv.split('\r\n').filter((line) => line.split(',').includes('"NEW"')).length;

  it('labels every changed finding from the lookup, and lists the first of the list', () => {
    const model = reportModel(findings, live);
    expect(model.changed.new.found).toBe(60);
    expect(model.changed.new.listed.map((v) => v.id)).toEqual(fresh.slice(0, 5));
    expect(newRows(csvReport(findings, {}, live))).toBe(60);
    const html = htmlReport(findings, {}, live);
    expect(html).toContain('<div class="card" data-delta="new"><div class="label">New</div><div class="big">60</div></div>');
    expect(html.match(/<tr class="change" data-change="NEW"/g)).toHaveLength(5);
    expect(html).toContain('and 55 more new findings not listed here');
    expect(markdownReport(findings, {}, live)).toContain('**60 new**');
  });

  it('without the lookup, the counts stay whole and only the listed findings are labelled', () => {
    expect(findingChanges(cut).of(generated(0))).toBe(CHANGE_BITS.new);
    expect(findingChanges(cut).of(generated(5 * 48))).toBe(0);
    expect(newRows(csvReport(findings, {}, cut))).toBe(5);
    expect(junitReport(findings, {}, cut)).toContain('<!-- since the last scan: 60 new, 0 reopened, 0 resolved, 0 suppressed -->');
  });
});

describe('reports of a control with more findings than they list', () => {
  const N = 3 * (K + 50);
  const findings = spool(N);
  const delta: HistoryDelta = {
    stateFile: 's',
    scanId: 2,
    previousScan: { id: 1, startedAt: '2026-11-26T00:00:00Z' },
    new: Array.from({ length: K + 10 }, (_, j) => generated(j * 48).Id!).filter((_, j) => j * 48 < N),
    reopened: [],
    resolved: Array.from({ length: K + 5 }, (_, j) => ({ id: `gone-${j}`, ruleId: 'r', control: 'S3.1', title: 't', severity: 'HIGH', account: '1', region: 'us-east-1', resourceId: `arn:aws:s3:::b${j}`, resourceName: null, now: 'GONE' as const, firstSeen: 'x' })),
    suppressed: [],
    unsuppressed: [],
    trend: [],
  };
  const html = htmlReport(findings, {}, delta);

  it('HTML: each section states its real total and that it lists the first 250; the page total is the real one', () => {
    const sections = html.split('<section class="control ').slice(1);
    expect(sections).toHaveLength(3);
    for (const section of sections) {
      expect(section.match(/<tr class="finding"/g)).toHaveLength(K);
      expect(section).toContain(`Showing the first 250 of 300 findings of this control (failing first); every finding is in findings.asff.json (and findings.csv with --format csv).`);
      expect(section).toMatch(/failing of 300<\/span>|300 resources<\/span>/);
    }
    expect(html).toContain(`Showing <b id="shown-count">${3 * K}</b> of ${N} findings`);
    expect(html).toContain('<p id="listed" class="muted">');
    expect(html).toContain(`<div class="big" id="total-findings">${N}</div>`);
  });

  it('HTML: the changes list its first 250 of each kind and says how many more', () => {
    const news = html.match(/<tr class="change" data-change="NEW"/g) ?? [];
    const found = delta.new.length;
    expect(news).toHaveLength(Math.min(found, REPORT_CHANGES_LISTED));
    expect(html.match(/<tr class="change" data-change="RESOLVED"/g)).toHaveLength(REPORT_CHANGES_LISTED);
    expect(html).toContain('and 5 more resolved findings not listed here');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;name');
  });

  it('JUnit: exact counts on every suite, at most 250 test cases, and a line for the rest', () => {
    const root = parseXml(junitReport(findings, {}, delta));
    expect(root.attrs.tests).toBe(String(N));
    for (const suite of root.children) {
      expect(suite.attrs.tests).toBe('300');
      const cases = suite.children.filter((c) => c.name === 'testcase');
      expect(cases).toHaveLength(K);
      const counted = (name: string) => Number(suite.attrs[name]);
      expect(counted('failures') + counted('errors') + counted('skipped')).toBeLessThanOrEqual(300);
      const out = suite.children.find((c) => c.name === 'system-out');
      expect(out?.text).toBe('50 more findings of this control are not listed; see findings.asff.json (and findings.csv with --format csv).');
    }
  });

  it('Markdown: the counts are the real ones and the long tables say how many more', () => {
    const text = markdownReport(findings, {}, delta);
    expect(text).toContain(`| ${N} |`);
    const suppressed = Math.ceil(N / 11);
    expect(text).toContain(`… and ${suppressed - 50} more (see the HTML or CSV report).`);
  });
});

describe('CSV and OCSF stream one finding at a time', () => {
  const hostile = (i: number) => finding({ resource: `r${i}`, name: `=cmd|"a"\n<b>${i}`, reason: 'line\nbreak "quoted" \u2028', tags: { k: 'v\n2' } });

  it('renders OCSF exactly as JSON.stringify(array, null, 2) plus a newline, empty or not', () => {
    for (const n of [0, 1, 3]) {
      const items = Array.from({ length: n }, (_, i) => hostile(i));
      expect([...ocsfReportChunks(items)].join('')).toBe(`${JSON.stringify(items.map(toOcsf), null, 2)}\n`);
      expect(ocsfReport(spool(n, hostile))).toBe(`${JSON.stringify(items.map(toOcsf), null, 2)}\n`);
    }
  });

  it('renders CSV in pieces that join to the whole file, reading the findings once', () => {
    const source = spool(5000, hostile);
    const chunks = [...csvReportChunks(source)];
    expect(source.passes).toBe(1);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(csvReport(Array.from({ length: 5000 }, (_, i) => hostile(i))));
  });

  it('renderReports reads an iterable once per streamed format, and renders when the content is read', () => {
    const source = spool(2000, hostile);
    const reports = renderReports(['csv', 'ocsf'], source, {});
    expect(source.passes).toBe(0);
    for (const r of reports) for (const chunk of r.content) expect(typeof chunk).toBe('string');
    expect(source.passes).toBe(2);
  });
});
