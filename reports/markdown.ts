/**
 * `summary.md`: a summary fit for a pull-request comment or a ticket. It leads
 * as the HTML report does: the compliance score and the failing controls to fix
 * first (severity, resources, Regions, accounts), then counts and what changed
 * since the last scan. GitHub-flavoured Markdown; tables are cut at a length a comment
 * accepts.
 *
 * Every value from AWS is escaped: HTML as entities, Markdown punctuation with
 * backslashes, `|` so table cells stay cells, line breaks as spaces, and `@` so
 * a resource named after a team does not notify it.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';
import { SEVERITIES, changeCounts } from './model.js';
import type { HistoryDelta } from './model.js';
import { markdownCodeBlock, markdownLink, markdownText, markdownUrl } from '../src/io/escape.js';
import { failingSpread, formatScore, reportModel, type ControlGroup, type FindingView } from './model.js';

export const MARKDOWN_FILE = 'summary.md';
const MAX_ROWS = 50;

/** Escapes text for a Markdown table cell or list item. */
export const md = markdownText;

function resourceLabel(v: { resourceName: string | null; resourceId: string }): string {
  return v.resourceName ? `${md(v.resourceName)} (${md(v.resourceId)})` : md(v.resourceId);
}

function table(header: string[], rows: string[][], total = rows.length): string[] {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- |').join('')}`, ...rows.slice(0, MAX_ROWS).map((r) => `| ${r.join(' | ')} |`)];
  if (total > MAX_ROWS) lines.push('', `… and ${total - MAX_ROWS} more (see the HTML or CSV report).`);
  return lines;
}

/** Failing controls whose fix is shown as commands, most urgent first: enough for a comment. */
const MAX_FIXES = 10;

/** Per failing control, the CLI commands rendered for its first failing resource. */
function howToFix(groups: readonly ControlGroup[]): string[] {
  const out: string[] = [];
  let shown = 0;
  for (const g of groups) {
    if (shown === MAX_FIXES) break;
    // The first failing finding with a CLI fix, in the control's order (kept by the model over every finding).
    const first = g.firstFixable;
    if (!first?.fix.cli) continue;
    const others = g.failing - 1;
    shown++;
    out.push(`#### ${md(g.control)} ${md(g.title)}`, '');
    out.push(`For ${resourceLabel(first)}${others > 0 ? ` (and ${others} more failing resource${others === 1 ? '' : 's'}: the same commands with their names, in the HTML report)` : ''}:`, '');
    out.push(markdownCodeBlock(first.fix.cli, 'sh'), '');
    if (markdownUrl(g.remediationUrl)) out.push(`CloudFormation and Terraform: ${markdownLink('the rule\'s doc', g.remediationUrl)}.`, '');
  }
  return out.length > 0 ? ['### How to fix', '', ...out] : [];
}

export function markdownReport(findings: Iterable<AwsSecurityFinding>, scan: Partial<ScanDocument> = {}, delta?: HistoryDelta): string {
  // One pass over the findings: a bounded model (src: model.ts), whatever their number.
  const model = reportModel(findings, delta, scan);
  const { counts, scores, scope } = model;
  const failing = counts.failing;
  const out: string[] = [];

  out.push(`## hubcheck: ${failing === 0 ? 'no failing findings' : `${failing} failing finding${failing === 1 ? '' : 's'}`}`);
  out.push('');
  out.push(
    `Account${scope.accounts.length === 1 ? '' : 's'} ${scope.accounts.map(md).join(', ') || 'none'} · ${scope.regions.length} Region${scope.regions.length === 1 ? '' : 's'} · ${scope.benchmarks.map(md).join(', ')}${scan.startedAt ? ` · ${md(scan.startedAt)}` : ''}`,
  );
  out.push('');
  const scoreLine = scores.benchmarks.map((b) => `**${md(b.benchmark)}: ${formatScore(b.score)}** (${b.passed} of ${b.passed + b.failed} controls passed)`);
  if (scoreLine.length > 0) out.push(`Compliance score: ${scoreLine.join(' · ')}`, '');

  // What to fix leads; counts and the changes since the last scan follow.
  const groups = model.groups.filter((g) => g.outcome === 'FAILED');
  out.push('### What to fix first');
  out.push('');
  if (groups.length === 0) out.push('None.');
  else {
    out.push(
      ...table(
        ['Severity', 'Control', 'Title', 'Failing resources', 'Regions', 'Accounts', 'Remediation'],
        groups.map((g) => {
          const spread = failingSpread(g);
          return [
            g.severity,
            md(g.control),
            md(g.title),
            String(g.failing),
            String(spread.regions.length),
            String(spread.accounts.length),
            markdownUrl(g.remediationUrl) ? markdownLink('how to fix', g.remediationUrl) : '',
          ];
        }),
      ),
    );
  }
  out.push('');
  out.push(...howToFix(groups));

  out.push(
    ...table(
      ['FAILED', 'WARNING', 'NOT_AVAILABLE', 'PASSED', 'Suppressed', 'Total'],
      [[counts.byStatus.FAILED, counts.byStatus.WARNING, counts.byStatus.NOT_AVAILABLE, counts.byStatus.PASSED, counts.suppressed, counts.total].map(String)],
    ),
  );
  out.push('');
  const severities = [...SEVERITIES].reverse().filter((s) => s !== 'INFORMATIONAL');
  out.push(`Failing by severity: ${severities.map((s) => `${s} ${counts.failingBySeverity[s]}`).join(' · ')}`);
  out.push('');

  if (delta) {
    const changed = changeCounts(delta);
    out.push('### Since the last scan');
    out.push('');
    out.push(
      delta.previousScan
        ? `Compared with the scan of ${md(delta.previousScan.startedAt)}: **${changed.new} new**, **${changed.reopened} reopened**, **${changed.resolved} resolved**, ${changed.suppressed} suppressed.`
        : `First scan in this state file: every failing finding is new (**${changed.new} new**, ${changed.suppressed} suppressed).`,
    );
    out.push('');
    const row = (label: string) => (v: FindingView) => [label, v.severity, md(v.control), resourceLabel(v), md(v.region), md(v.reason)];
    const { new: added, reopened } = model.changed;
    const rows = [...added.listed.map(row('NEW')), ...reopened.listed.map(row('REOPENED'))];
    if (rows.length > 0) out.push(...table(['Change', 'Severity', 'Control', 'Resource', 'Region', 'Reason'], rows, added.found + reopened.found), '');
    if (delta.resolved.length > 0) {
      out.push('Resolved:', '');
      out.push(
        ...table(
          ['Severity', 'Control', 'Resource', 'Region', 'Now'],
          delta.resolved.map((r) => [md(r.severity), md(r.control), resourceLabel(r), md(r.region), r.now === 'PASSED' ? 'passes' : 'gone']),
          changed.resolved,
        ),
        '',
      );
    }
  }

  const suppressed = model.suppressed;
  if (suppressed.total > 0) {
    out.push('### Suppressed');
    out.push('');
    out.push(
      ...table(
        ['Status', 'Control', 'Resource', 'Reason', 'Owner', 'Expires'],
        suppressed.listed.map((v) => [v.status, md(v.control), resourceLabel(v), md(v.suppression?.reason ?? ''), md(v.suppression?.owner ?? ''), md(v.suppression?.expires ?? '')]),
        suppressed.total,
      ),
      '',
    );
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
