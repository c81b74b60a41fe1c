/**
 * `junit.xml`: the findings as test results, so CI systems (Jenkins, GitLab,
 * GitHub test reporters, Azure DevOps) show them natively.
 *
 * - One <testsuite> per control (name "IAM.5 Title"), one <testcase> per
 *   resource: name "<account>/<region>/<resource>", classname "hubcheck.<rule id>".
 *   A control with more than REPORT_ROWS_PER_CONTROL (250) findings lists its
 *   first 250 (failing first); its counts stay exact, and a <system-out> line of
 *   the suite says how many are not listed.
 * - FAILED -> <failure>, NOT_AVAILABLE -> <error>, WARNING and suppressed
 *   findings -> <skipped> (with the suppression's reason, owner and expiry),
 *   PASSED -> a passing test case.
 * - Counts (tests, failures, errors, skipped) and time on every <testsuite> and
 *   on <testsuites>; the change since the last scan (NEW, REOPENED, ...) starts
 *   each failure's message, and a comment under <testsuites> sums it up.
 * - Everything is XML-escaped and characters XML 1.0 forbids are removed.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanDocument } from './model.js';
import type { HistoryDelta } from './model.js';
import { xmlAttr, xmlText } from '../src/io/escape.js';
import { EVERY_FINDING_FILES, changeCounts, reportModel, type FindingView } from './model.js';

export const JUNIT_FILE = 'junit.xml';

export { xmlText };
const attr = xmlAttr;

function details(v: FindingView): string {
  const lines = [
    `Resource: ${v.resourceName ? `${v.resourceName} (${v.resourceId})` : v.resourceId}`,
    `Type: ${v.resourceType}`,
    `Account: ${v.account}  Region: ${v.region}`,
    `Status: ${v.status}${v.change ? ` (${v.change} since the last scan)` : ''}`,
    `Reason: ${v.reason}`,
    ...v.evidence.map(([k, val]) => `Evidence ${k}: ${val}`),
    ...(v.remediationUrl ? [`Remediation: ${v.remediationText} ${v.remediationUrl}`] : []),
    `Finding: ${v.id}`,
  ];
  return lines.join('\n');
}

function testcase(v: FindingView): string {
  const name = `${v.account}/${v.region}/${v.resourceName || v.resourceId}`;
  const open = `    <testcase name="${attr(name)}" classname="${attr(`hubcheck.${v.ruleId}`)}" time="0"`;
  const change = v.change ? `${v.change}: ` : '';
  if (v.suppressed) {
    const s = v.suppression!;
    return `${open}>\n      <skipped message="${attr(`SUPPRESSED ${v.status}: ${s.reason} (owner ${s.owner}, expires ${s.expires})`)}"/>\n      <system-out>${xmlText(details(v))}</system-out>\n    </testcase>`;
  }
  switch (v.status) {
    case 'FAILED':
      return `${open}>\n      <failure message="${attr(`${change}${v.reason}`)}" type="${attr(`${v.severity} ${v.control}`)}">${xmlText(details(v))}</failure>\n    </testcase>`;
    case 'NOT_AVAILABLE':
      return `${open}>\n      <error message="${attr(v.reason)}" type="NOT_AVAILABLE">${xmlText(details(v))}</error>\n    </testcase>`;
    case 'WARNING':
      return `${open}>\n      <skipped message="${attr(`WARNING: ${v.reason}`)}"/>\n    </testcase>`;
    default:
      return `${open}/>`;
  }
}

export function junitReport(findings: Iterable<AwsSecurityFinding>, scan: Partial<ScanDocument> = {}, delta?: HistoryDelta): string {
  // One pass over the findings: exact counts per control, the first REPORT_ROWS_PER_CONTROL test cases of each.
  const model = reportModel(findings, delta, scan);
  const timestamp = (scan.startedAt ?? model.firstLastObservedAt ?? new Date(0).toISOString()).replace(/\.\d+Z$/, 'Z').replace(/Z$/, '');
  const suites = model.groups.map((group) => {
    const { failures, errors, skipped } = group;
    const totals = { tests: group.total, failures, errors, skipped };
    const unlisted = group.total - group.findings.length;
    const xml = [
      `  <testsuite name="${attr(`${group.control} ${group.title}`)}" tests="${totals.tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0" timestamp="${attr(timestamp)}">`,
      `    <properties>\n      <property name="severity" value="${attr(group.severity)}"/>\n      <property name="rule" value="${attr(group.ruleId)}"/>\n    </properties>`,
      ...group.findings.map(testcase),
      ...(unlisted > 0 ? [`    <system-out>${xmlText(`${unlisted} more findings of this control are not listed; see ${EVERY_FINDING_FILES}.`)}</system-out>`] : []),
      '  </testsuite>',
    ].join('\n');
    return { xml, totals };
  });
  const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + s.totals[key], 0);
  const time = ((scan.durationMs ?? 0) / 1000).toFixed(3);
  const changed = delta && changeCounts(delta);
  const props = changed
    ? [`  <!-- since the last scan: ${changed.new} new, ${changed.reopened} reopened, ${changed.resolved} resolved, ${changed.suppressed} suppressed -->`]
    : [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hubcheck" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}" time="${time}">`,
    ...props,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
