/**
 * `report.html`: one self-contained page (inline CSS, inline SVG charts and a
 * small script; no network, no CDN) that a person would rather read than JSON.
 *
 * - Compliance score per benchmark version and per CIS section (the definition
 *   is in model.ts), counts by status and by severity as SVG bar charts.
 * - First screen: the score and what to fix first (failing controls ranked by
 *   severity, then resources affected, with how many Regions and accounts).
 * - Then every control, collapsed (<details>) with its failing counts per Region
 *   and per account: resource, reason, evidence, tags, remediation link; filters
 *   by severity, status, Region, account, control and change, and a search box
 *   (a filter opens the controls it matches). A control with more than
 *   REPORT_ROWS_PER_CONTROL (250) findings lists its first 250, failing first,
 *   and says so; counts, scores and spreads are over every finding.
 * - After them, with history: what is new, reopened, resolved and suppressed
 *   since the last scan, and the trend of the score; then scores per section.
 *
 * Safety: everything is rendered here, on the server side, and every value is
 * HTML-escaped; no finding data is put inside the script, which only reads the
 * DOM. A Content-Security-Policy allows nothing but this page's own style and
 * script (by hash): no network request, no inline event handler, ever.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';
import { SEVERITIES, changeCounts, type Severity } from './model.js';
import type { HistoryDelta, TrendPoint } from './model.js';
import { htmlText } from '../src/io/escape.js';
import {
  EVERY_FINDING_FILES,
  PARITY_CATEGORIES,
  PARITY_LABELS,
  STATUSES,
  failingSpread,
  formatScore,
  isFailing,
  REMEDIATION_PARTS,
  reportModel,
  safeUrl,
  type ControlGroup,
  type FindingView,
  type ParityRecord,
  type ReportModel,
} from './model.js';

export const HTML_FILE = 'report.html';

/** Escapes text for HTML content and quoted attribute values. */
export const esc = htmlText;

const CSS = `
:root{--fg:#1d2733;--muted:#5b6878;--bg:#f5f7fa;--card:#fff;--line:#dde3ea;--fail:#c62828;--pass:#2e7d32;--warn:#b26a00;--na:#6d6d6d;--sup:#6a4fb3;--crit:#7b1020;--high:#c62828;--med:#e07000;--low:#c9a400;--info:#6b8fb5;--accent:#1f5fbf}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#14202e;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:20px}
header p{margin:0;color:#c4cfdb}
main{padding:20px 28px;max-width:1400px;margin:0 auto}
h2{font-size:17px;margin:28px 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;min-width:190px}
.card .big{font-size:30px;font-weight:650}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.charts{display:flex;flex-wrap:wrap;gap:14px}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
figcaption{font-weight:600;margin-bottom:6px}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
.bar-FAILED{fill:var(--fail)}.bar-PASSED{fill:var(--pass)}.bar-WARNING{fill:var(--warn)}.bar-NOT_AVAILABLE{fill:var(--na)}.bar-SUPPRESSED{fill:var(--sup)}
.bar-CRITICAL{fill:var(--crit)}.bar-HIGH{fill:var(--high)}.bar-MEDIUM{fill:var(--med)}.bar-LOW{fill:var(--low)}.bar-INFORMATIONAL{fill:var(--info)}
.track{fill:#e8edf2}.score-fill{fill:var(--pass)}.trend-line{fill:none;stroke:var(--accent);stroke-width:2}.trend-dot{fill:var(--accent)}.grid{stroke:#e3e8ee}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#fafbfc}
.scores td.num,.scores th.num{text-align:right;white-space:nowrap}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:650;color:#fff;white-space:nowrap}
.s-FAILED{background:var(--fail)}.s-PASSED{background:var(--pass)}.s-WARNING{background:var(--warn)}.s-NOT_AVAILABLE{background:var(--na)}.s-SUPPRESSED{background:var(--sup)}
.v-CRITICAL{background:var(--crit)}.v-HIGH{background:var(--high)}.v-MEDIUM{background:var(--med)}.v-LOW{background:var(--low);color:#222}.v-INFORMATIONAL{background:var(--info)}
.c-NEW,.c-REOPENED{background:#0b6bcb}.c-RESOLVED{background:var(--pass)}.c-UNSUPPRESSED{background:var(--warn)}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;position:sticky;top:0;z-index:2}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:3px}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid #b9c3cf;border-radius:5px;min-width:130px;background:#fff}
.filters input{min-width:240px}
.filters button{font:inherit;padding:5px 12px;border:1px solid #b9c3cf;border-radius:5px;background:#fff;cursor:pointer}
#shown{margin:10px 0;color:var(--muted)}
#shown b{color:var(--fg)}
.control{margin:14px 0;border:1px solid var(--line);border-radius:8px;overflow:hidden;background:var(--card)}
.control{margin:8px 0}
.control summary{margin:0;padding:8px 12px;font-size:15px;font-weight:600;cursor:pointer;list-style-position:inside}
.control summary h3{display:inline-flex;gap:8px;align-items:center;flex-wrap:wrap;margin:0;font-size:15px}
.control .spread{display:block;font-weight:400;font-size:12px;color:var(--muted);margin:2px 0 0 18px}
.control details[open] summary{border-bottom:1px solid var(--line)}
.control.o-FAILED summary{border-left:5px solid var(--fail)}.control.o-PASSED summary{border-left:5px solid var(--pass)}.control.o-UNKNOWN summary{border-left:5px solid var(--na)}
#fix-first table td.num,#fix-first table th.num{text-align:right;white-space:nowrap}
#fix-first{margin-top:14px}
#changes-list{margin-top:12px}#changes-list>summary{cursor:pointer;font-weight:600;padding:6px 0}
#fix-first h2{margin-top:0}
.control .fix{padding:6px 12px;color:var(--muted);font-size:13px;border-bottom:1px solid var(--line)}
.rname{font-weight:600;word-break:break-all}
.rid{font:12px ui-monospace,Menlo,Consolas,monospace;color:var(--muted);word-break:break-all}
dl.ev{margin:4px 0 0;display:grid;grid-template-columns:max-content 1fr;gap:0 10px;font-size:12px;color:var(--muted)}
dl.ev dt{font-weight:600}dl.ev dd{margin:0;word-break:break-all}
.note{font-size:12px;color:var(--sup);margin-top:4px}
.muted{color:var(--muted)}
.empty{padding:18px;text-align:center;color:var(--muted)}
a{color:var(--accent)}
.fixcode{margin-top:6px}.fixcode summary{cursor:pointer;color:var(--accent);font-size:12px}
.fixcode .code-head{display:flex;justify-content:space-between;align-items:center;font-size:12px;font-weight:600;margin-top:6px}
.fixcode button{font:inherit;font-size:11px;padding:1px 8px;border:1px solid #b9c3cf;border-radius:4px;background:#fff;cursor:pointer}
.fixcode pre{margin:2px 0 0;padding:8px;background:#0f1720;color:#e6edf3;border-radius:5px;overflow:auto;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre}
`;

const SCRIPT = `(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.control'));
  var filters = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var search = document.getElementById('f-search');
  var empty = document.getElementById('no-match');
  function apply() {
    var query = search.value.trim().toLowerCase();
    var counts = {};
    var shown = 0;
    rows.forEach(function (row) {
      var ok = filters.every(function (f) {
        return !f.value || row.getAttribute('data-' + f.getAttribute('data-filter')) === f.value;
      }) && (!query || row.textContent.toLowerCase().indexOf(query) !== -1);
      row.hidden = !ok;
      if (ok) {
        shown++;
        var s = row.getAttribute('data-status');
        counts[s] = (counts[s] || 0) + 1;
      }
    });
    var narrowed = Boolean(query) || filters.some(function (f) { return Boolean(f.value); });
    groups.forEach(function (g) {
      var matched = Boolean(g.querySelector('tr.finding:not([hidden])'));
      g.hidden = !matched;
      // Collapsed by default; a filter or a search opens the controls it matched.
      var details = g.querySelector('details');
      if (details) details.open = narrowed && matched;
    });
    document.getElementById('shown-count').textContent = String(shown);
    Array.prototype.forEach.call(document.querySelectorAll('[data-count]'), function (el) {
      el.textContent = String(counts[el.getAttribute('data-count')] || 0);
    });
    empty.hidden = shown !== 0;
  }
  // Copy buttons of the fix blocks: the text of the block under the button, nothing else.
  Array.prototype.forEach.call(document.querySelectorAll('.fixcode button.copy'), function (button) {
    button.addEventListener('click', function () {
      var code = button.parentNode.nextElementSibling.textContent;
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(code).then(function () { button.textContent = 'Copied'; }, function () { button.textContent = 'Select and copy'; });
    });
  });
  filters.forEach(function (f) { f.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  document.getElementById('f-reset').addEventListener('click', function () {
    filters.forEach(function (f) { f.value = ''; });
    search.value = '';
    apply();
  });
  apply();
})();`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${hash(CSS)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

const FILTER_STATUSES = [...STATUSES, 'SUPPRESSED'] as const;
const SEVERITIES_DESC = [...SEVERITIES].reverse();

function badge(kind: string, value: string, label = value): string {
  return `<span class="badge ${kind}-${esc(value)}">${esc(label)}</span>`;
}

function link(url: string, text: string): string {
  const safe = safeUrl(url);
  return safe ? `<a href="${esc(safe)}" target="_blank" rel="noopener noreferrer">${esc(text)}</a>` : esc(text);
}

/** Horizontal bars with labels and counts. */
function barChart(title: string, items: { key: string; label: string; value: number }[]): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  const rowH = 24;
  const labelW = 118;
  const barW = 220;
  const height = items.length * rowH + 4;
  const bars = items
    .map((item, i) => {
      const y = i * rowH + 2;
      const w = item.value === 0 ? 0 : Math.max(2, Math.round((barW * item.value) / max));
      return `<text x="0" y="${y + 15}">${esc(item.label)}</text><rect class="track" x="${labelW}" y="${y + 3}" width="${barW}" height="16" rx="3"/><rect class="bar-${esc(item.key)}" x="${labelW}" y="${y + 3}" width="${w}" height="16" rx="3"/><text x="${labelW + barW + 8}" y="${y + 15}">${item.value}</text>`;
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" width="${labelW + barW + 50}" height="${height}" viewBox="0 0 ${labelW + barW + 50} ${height}">${bars}</svg></figure>`;
}

function scoreBar(score: number | null): string {
  const w = score === null ? 0 : Math.round(score);
  return `<svg width="104" height="12" viewBox="0 0 104 12" role="img" aria-label="${esc(formatScore(score))}"><rect class="track" x="2" y="1" width="100" height="10" rx="3"/><rect class="score-fill" x="2" y="1" width="${w}" height="10" rx="3"/></svg>`;
}

function trendChart(points: readonly TrendPoint[]): string {
  const width = 520;
  const height = 160;
  const left = 36;
  const top = 10;
  const plotW = width - left - 14;
  const plotH = height - top - 28;
  const x = (i: number) => left + (points.length === 1 ? plotW / 2 : (plotW * i) / (points.length - 1));
  const y = (score: number) => top + plotH - (plotH * score) / 100;
  const grid = [0, 50, 100]
    .map((v) => `<line class="grid" x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}"/><text x="0" y="${y(v) + 4}">${v}%</text>`)
    .join('');
  const scored = points.map((p, i) => ({ p, i })).filter(({ p }) => p.score !== null);
  const line = scored.map(({ p, i }) => `${x(i).toFixed(1)},${y(p.score!).toFixed(1)}`).join(' ');
  const dots = scored
    .map(({ p, i }) => `<circle class="trend-dot" cx="${x(i).toFixed(1)}" cy="${y(p.score!).toFixed(1)}" r="3.5"><title>${esc(`${p.startedAt}: ${formatScore(p.score)}`)}</title></circle>`)
    .join('');
  const first = points[0];
  const last = points[points.length - 1];
  const labels = first && last
    ? `<text x="${left}" y="${height - 6}">${esc(first.startedAt.slice(0, 10))}</text><text x="${left + plotW}" y="${height - 6}" text-anchor="end">${esc(last.startedAt.slice(0, 10))}</text>`
    : '';
  return `<figure><figcaption>Compliance score, last ${points.length} scan${points.length === 1 ? '' : 's'}</figcaption><svg id="trend" role="img" aria-label="Compliance score trend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${grid}<polyline class="trend-line" points="${line}"/>${dots}${labels}</svg></figure>`;
}

function resourceCell(v: { resourceName: string | null; resourceId: string }, type?: string): string {
  const name = v.resourceName ? `<div class="rname">${esc(v.resourceName)}</div>` : '';
  return `${name}<div class="rid">${esc(v.resourceId)}</div>${type ? `<div class="muted">${esc(type)}</div>` : ''}`;
}

/** The fix rendered for a failing resource: one copyable block per part (AWS CLI, CloudFormation, Terraform). */
function fixBlocks(v: FindingView): string {
  const parts = REMEDIATION_PARTS.filter(([part]) => v.fix[part]);
  if (parts.length === 0 || !isFailing(v)) return '';
  const blocks = parts
    .map(([part, label]) => `<div class="code-head">${esc(label)} <button type="button" class="copy">Copy</button></div><pre><code data-part="${part}">${esc(v.fix[part] ?? '')}</code></pre>`)
    .join('');
  return `<details class="fixcode"><summary>How to fix this resource</summary>${blocks}</details>`;
}

function findingRow(v: FindingView): string {
  const status = v.suppressed ? 'SUPPRESSED' : v.status;
  const badges = [
    badge('s', v.status),
    v.suppressed ? badge('s', 'SUPPRESSED') : '',
    v.change ? badge('c', v.change) : '',
  ].join(' ');
  const evidence = v.evidence.length + v.tags.length > 0
    ? `<dl class="ev">${v.evidence.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`).join('')}${v.tags.map(([k, val]) => `<dt>tag ${esc(k)}</dt><dd>${esc(val)}</dd>`).join('')}</dl>`
    : '';
  const note = v.suppression
    ? `<div class="note">Suppressed: ${esc(v.suppression.reason)} (owner ${esc(v.suppression.owner)}, until ${esc(v.suppression.expires)})</div>`
    : '';
  const attrs = [
    ['severity', v.severity],
    ['status', status],
    ['region', v.region],
    ['account', v.account],
    ['control', v.control],
    ['change', v.change ?? ''],
    ['finding-id', v.id],
  ]
    .map(([k, val]) => `data-${k}="${esc(val!)}"`)
    .join(' ');
  return `<tr class="finding" ${attrs}><td>${badges}</td><td>${badge('v', v.severity)}</td><td>${resourceCell(v, v.resourceType)}</td><td>${esc(v.region)}</td><td>${esc(v.account)}</td><td>${esc(v.reason)}${evidence}${note}${fixBlocks(v)}</td></tr>`;
}

function spreadText(pairs: readonly [string, number][], noun: string): string {
  if (pairs.length === 0) return '';
  const shown = pairs.slice(0, 6).map(([key, n]) => `${esc(key)} ${n}`).join(', ');
  return `${pairs.length} ${noun}${pairs.length === 1 ? '' : 's'}: ${shown}${pairs.length > 6 ? `, +${pairs.length - 6} more` : ''}`;
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** Said where a list stops short of every finding. */
function truncation(g: ControlGroup): string {
  if (g.total <= g.findings.length) return '';
  return `<div class="fix truncated" data-listed="${g.findings.length}" data-total="${g.total}">Showing the first ${thousands(g.findings.length)} of ${thousands(g.total)} findings of this control (failing first); every finding is in ${esc(EVERY_FINDING_FILES)}.</div>\n`;
}

function controlSection(g: ControlGroup): string {
  const failing = g.failing > 0 ? `<span class="muted">${g.failing} failing of ${g.total}</span>` : `<span class="muted">${g.total} resource${g.total === 1 ? '' : 's'}</span>`;
  const remediation = g.findings[0]?.remediationText ?? '';
  const spread = failingSpread(g);
  const where = [spreadText(spread.regions, 'Region'), spreadText(spread.accounts, 'account')].filter(Boolean).join(' · ');
  return `<section class="control o-${g.outcome}" data-control="${esc(g.control)}" data-outcome="${g.outcome}" id="control-${esc(g.control)}"><details>
<summary><h3>${badge('s', g.outcome === 'UNKNOWN' ? 'NOT_AVAILABLE' : g.outcome, g.outcome === 'UNKNOWN' ? 'UNDECIDED' : g.outcome)} ${badge('v', g.severity)} <span class="ctl">${esc(g.control)}</span> ${esc(g.title)} ${failing}</h3>${where ? `<span class="spread">Failing in ${where}</span>` : ''}</summary>
<div class="fix">${esc(remediation)} ${g.remediationUrl ? link(g.remediationUrl, 'Remediation') : ''}</div>
${truncation(g)}<table><thead><tr><th>Status</th><th>Severity</th><th>Resource</th><th>Region</th><th>Account</th><th>Reason and evidence</th></tr></thead><tbody>
${g.findings.map(findingRow).join('\n')}
</tbody></table></details></section>`;
}

/** The first thing on the page after the score: failing controls, most severe and widest first. */
function fixFirst(groups: readonly ControlGroup[], top = 10): string {
  const failing = groups.filter((g) => g.outcome === 'FAILED');
  if (failing.length === 0) return '<section id="fix-first"><h2>What to fix first</h2><p class="muted">No control fails.</p></section>';
  const rows = failing
    .slice(0, top)
    .map((g, i) => {
      const spread = failingSpread(g);
      return `<tr data-control="${esc(g.control)}"><td class="num">${i + 1}</td><td>${badge('v', g.severity)}</td><td><a href="#control-${esc(g.control)}">${esc(g.control)}</a></td><td>${esc(g.title)}</td><td class="num">${g.failing}</td><td class="num">${spread.regions.length}</td><td class="num">${spread.accounts.length}</td></tr>`;
    })
    .join('\n');
  const more = failing.length > top ? `<p class="muted">and ${failing.length - top} more failing control${failing.length - top === 1 ? '' : 's'} below.</p>` : '';
  return `<section id="fix-first"><h2>What to fix first</h2>
<table><thead><tr><th class="num">#</th><th>Severity</th><th>Control</th><th>Title</th><th class="num">Resources</th><th class="num">Regions</th><th class="num">Accounts</th></tr></thead><tbody>
${rows}
</tbody></table>${more}</section>`;
}

function select(id: string, filter: string, label: string, values: readonly string[]): string {
  const options = values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
  return `<label for="${id}">${esc(label)}<select id="${id}" data-filter="${filter}"><option value="">All</option>${options}</select></label>`;
}

function moreText(more: number, what: string): string {
  return more > 0 ? `<p class="muted more" data-more="${more}">and ${thousands(more)} more ${what} not listed here; every finding is in ${esc(EVERY_FINDING_FILES)}.</p>` : '';
}

function changesSection(model: ReportModel, delta: HistoryDelta): string {
  const limit = model.limits.changes;
  const counts = changeCounts(delta);
  const cards = [
    ['New', counts.new],
    ['Reopened', counts.reopened],
    ['Resolved', counts.resolved],
    ['Suppressed', counts.suppressed],
    ...(counts.unsuppressed > 0 ? [['No longer suppressed', counts.unsuppressed] as const] : []),
  ]
    .map(([label, n]) => `<div class="card" data-delta="${esc(String(label).toLowerCase())}"><div class="label">${esc(label)}</div><div class="big">${n}</div></div>`)
    .join('');
  const since = delta.previousScan
    ? `Compared with the scan of ${esc(delta.previousScan.startedAt)}.`
    : 'First scan recorded in this state file: every failing finding is new.';
  const changed = [
    ['NEW', model.changed.new],
    ['REOPENED', model.changed.reopened],
    ['UNSUPPRESSED', model.changed.unsuppressed],
  ] as const;
  const changeRows = changed
    .flatMap(([kind, { listed }]) =>
      listed.map(
        (v) =>
          `<tr class="change" data-change="${kind}" data-finding-id="${esc(v.id)}"><td>${badge('c', kind)}</td><td>${badge('v', v.severity)}</td><td>${esc(v.control)}</td><td>${resourceCell(v)}</td><td>${esc(v.region)}</td><td>${esc(v.reason)}</td></tr>`,
      ),
    )
    .join('\n');
  const resolvedRows = delta.resolved
    .slice(0, limit)
    .map(
      (r) =>
        `<tr class="change" data-change="RESOLVED" data-finding-id="${esc(r.id)}"><td>${badge('c', 'RESOLVED')}</td><td>${badge('v', (SEVERITIES as readonly string[]).includes(r.severity) ? r.severity : 'INFORMATIONAL', r.severity)}</td><td>${esc(r.control)}</td><td>${resourceCell(r)}</td><td>${esc(r.region)}</td><td>${r.now === 'PASSED' ? 'Now passes' : 'Resource gone'}</td></tr>`,
    )
    .join('\n');
  const more = [
    ...changed.map(([kind, c]) => moreText(c.found - c.listed.length, `${kind.toLowerCase()} findings`)),
    moreText(counts.resolved - Math.min(delta.resolved.length, limit), 'resolved findings'),
  ].join('');
  const table =
    changeRows || resolvedRows
      ? `<details id="changes-list"><summary>Every changed finding</summary><table id="changes-table"><thead><tr><th>Change</th><th>Severity</th><th>Control</th><th>Resource</th><th>Region</th><th>Reason</th></tr></thead><tbody>
${changeRows}
${resolvedRows}
</tbody></table>${more}</details>`
      : '<p class="muted">No finding changed.</p>';
  return `<section id="changes"><h2>Since the last scan</h2><p class="muted">${since}</p><div class="cards">${cards}</div>
<div class="charts">${delta.trend.length > 0 ? trendChart(delta.trend) : ''}</div>
${table}</section>`;
}

/** `scan --parity`: the four categories, then every row where hubcheck and Security Hub do not simply agree. */
function paritySection(p: ParityRecord): string {
  const cards = PARITY_CATEGORIES.map(
    (c) => `<div class="card" data-parity="${c}"><div class="label">${esc(PARITY_LABELS[c])}</div><div class="big">${p.counts[c]}</div></div>`,
  ).join('');
  const rows = p.rows
    .filter((r) => r.category !== 'agree')
    .map(
      (r) =>
        `<tr class="parity-row" data-category="${r.category}"><td>${esc(r.control)}</td><td>${esc(PARITY_LABELS[r.category])}</td><td>${esc(r.hubcheck ?? '-')}</td><td>${esc(r.securityHub ?? '-')}${r.securityHubReason ? ` (${esc(r.securityHubReason)})` : ''}</td><td>${esc(r.account)}</td><td>${esc(r.region || '(any)')}</td><td>${esc(r.resource)}</td></tr>`,
    )
    .join('\n');
  const errors = p.errors.map((e) => `<li>${esc(e)}</li>`).join('');
  const table = rows
    ? `<table id="parity-table"><thead><tr><th>Control</th><th>Category</th><th>hubcheck</th><th>Security Hub</th><th>Account</th><th>Region</th><th>Resource</th></tr></thead><tbody>
${rows}
</tbody></table>`
    : '<p class="muted">hubcheck and Security Hub agree on every resource they both judged.</p>';
  return `<section id="parity"><h2>Parity with Security Hub</h2><p class="muted">hubcheck's verdicts beside Security Hub's own control findings over ${p.controls.length} controls.</p><div class="cards">${cards}</div>
${errors ? `<p>Not compared (Security Hub could not be read):</p><ul id="parity-errors">${errors}</ul>` : ''}
${table}</section>`;
}

export function htmlReport(findings: Iterable<AwsSecurityFinding>, scan: Partial<ScanDocument> = {}, delta?: HistoryDelta): string {
  return [...htmlReportChunks(findings, scan, delta)].join('');
}

/** The report in pieces (the page around the findings, then one control at a time), so a large one is written without being held whole. */
export function* htmlReportChunks(findings: Iterable<AwsSecurityFinding>, scan: Partial<ScanDocument> = {}, delta?: HistoryDelta): Generator<string> {
  // One pass over the findings: counts, scores and scope over all of them, the first rows of each control.
  const model = reportModel(findings, delta, scan);
  const { counts, scores, groups, scope, present } = model;
  const distinct = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const title = `hubcheck report: ${scope.accounts.join(', ') || 'no account'}`;
  const failing = counts.failing;
  const listed = groups.reduce((n, g) => n + g.findings.length, 0);

  const scoreCards = [
    ...scores.benchmarks.map(
      (b) => `<div class="card score" data-benchmark="${esc(b.benchmark)}"><div class="label">Score ${esc(b.benchmark)}</div><div class="big">${esc(formatScore(b.score))}</div><div class="muted">${b.passed} of ${b.passed + b.failed} controls passed</div></div>`,
    ),
    `<div class="card"><div class="label">Failing findings</div><div class="big" id="total-failing">${failing}</div><div class="muted">${counts.suppressed} suppressed</div></div>`,
    `<div class="card"><div class="label">Findings</div><div class="big" id="total-findings">${counts.total}</div><div class="muted">${groups.length} controls</div></div>`,
  ].join('');

  const statusChart = barChart(
    'Findings by status',
    [...STATUSES.map((s) => ({ key: s, label: s, value: counts.byStatus[s] ?? 0 })), { key: 'SUPPRESSED', label: 'SUPPRESSED', value: counts.suppressed }],
  );
  const severityChart = barChart(
    'Failing findings by severity',
    SEVERITIES_DESC.filter((s) => s !== 'INFORMATIONAL').map((s) => ({ key: s, label: s, value: counts.failingBySeverity[s as Severity] })),
  );

  const scoreTables = scores.benchmarks
    .map(
      (b) => `<table class="scores" data-benchmark="${esc(b.benchmark)}"><thead><tr><th>${esc(b.benchmark)} section</th><th class="num">Passed</th><th class="num">Failed</th><th class="num">Score</th><th></th></tr></thead><tbody>
${b.sections.map((s) => `<tr data-section="${esc(s.section)}"><td>${esc(s.section)}. ${esc(s.name)}</td><td class="num">${s.passed}</td><td class="num">${s.failed}</td><td class="num">${esc(formatScore(s.score))}</td><td>${scoreBar(s.score)}</td></tr>`).join('\n')}
</tbody></table>`,
    )
    .join('\n');

  const problems = (scan.errors?.length ?? 0) + (scan.notAvailable?.length ?? 0);
  const meta = [
    `${scope.accounts.length} account${scope.accounts.length === 1 ? '' : 's'} (${scope.accounts.map(esc).join(', ')})`,
    `${scope.regions.length} Region${scope.regions.length === 1 ? '' : 's'}`,
    scope.benchmarks.map(esc).join(', '),
    scan.startedAt ? `scanned ${esc(scan.startedAt)}` : '',
    scan.mode === 'replay' ? 'replayed snapshot' : '',
    scan.tool?.version ? `hubcheck ${esc(scan.tool.version)}` : '',
  ].filter(Boolean);

  const filters = [
    select('f-severity', 'severity', 'Severity', SEVERITIES_DESC.filter((s) => present.severities.has(s))),
    select('f-status', 'status', 'Status', FILTER_STATUSES.filter((s) => present.statuses.has(s))),
    select('f-region', 'region', 'Region', distinct(present.regions)),
    select('f-account', 'account', 'Account', distinct(present.accounts)),
    select('f-control', 'control', 'Control', distinct(present.controls)),
    ...(delta ? [select('f-change', 'change', 'Change', (['NEW', 'REOPENED', 'RESOLVED', 'UNSUPPRESSED'] as const).filter((c) => present.changes.has(c)))] : []),
    '<label for="f-search">Search<input id="f-search" type="search" placeholder="resource, reason, ARN, tag…" autocomplete="off"></label>',
    '<button id="f-reset" type="button">Reset</button>',
  ].join('\n');
  const shownCounts = FILTER_STATUSES.map((s) => `${esc(s)} <b data-count="${s}">0</b>`).join(' · ');

  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hubcheck">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p>${meta.join(' · ')}</p></header>
<main>
<section id="summary"><h2>Compliance</h2><div class="cards">${scoreCards}</div>
<p class="muted">Score = passed controls / (passed + failed controls). A control fails when any finding that is not suppressed fails, and passes when all of them pass.${problems > 0 ? ` ${problems} check${problems === 1 ? '' : 's'} could not be evaluated.` : ''}</p>
${fixFirst(groups)}
</section>
<section id="findings"><h2>Controls and findings</h2>
<div class="filters">${filters}</div>
<p id="shown">Showing <b id="shown-count">${listed}</b> of ${counts.total} findings: ${shownCounts}</p>
${listed < counts.total ? `<p id="listed" class="muted">Controls with more than ${thousands(model.limits.rowsPerControl)} findings list their first ${thousands(model.limits.rowsPerControl)} (failing first): ${thousands(listed)} of ${thousands(counts.total)} findings are listed, and the filters and search apply to those. Every finding is in ${esc(EVERY_FINDING_FILES)}.</p>\n` : ''}<p id="no-match" class="empty" hidden>No finding matches these filters.</p>
`;
  for (let i = 0; i < groups.length; i++) yield `${i > 0 ? '\n' : ''}${controlSection(groups[i]!)}`;
  yield `
</section>
${delta ? changesSection(model, delta) : ''}
${scan.parity ? paritySection(scan.parity) : ''}
<section id="scores"><h2>Scores by section</h2>
<div class="charts">${statusChart}${severityChart}</div>
${scoreTables}
</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
