/**
 * The short console summary printed on stderr after a scan: what was scanned,
 * counts by status and by severity, the failing controls that matter most, and
 * what could not be evaluated.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { SEVERITIES, madeReportModel, reportModel, severityRank, type HistoryDelta, type ScanDocument, type Severity } from './model.js';
import type { Colors } from 'picocolors/types.js';

export interface FailingControl {
  control: string;
  ruleId: string;
  severity: Severity;
  resources: number;
  title: string;
}

/**
 * Failing findings (FAILED, not suppressed) grouped by control, most severe
 * first, then most resources. From the report model's pass over the findings:
 * the pass the run's reports made already, when given the same findings and
 * delta, so the summary does not read the findings again.
 */
export function failingControls(findings: Iterable<AwsSecurityFinding>, delta?: HistoryDelta): FailingControl[] {
  // The groups do not depend on the changes: without the reports' pass, one without the delta (whose
  // lookup into the state file may be closed by now) gives the same.
  return (madeReportModel(findings, delta) ?? reportModel(findings))
    .groups.filter((g) => g.failing > 0)
    .map((g) => ({ control: g.control, ruleId: g.ruleId, severity: g.severity, resources: g.failing, title: g.title }))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.resources - a.resources || a.control.localeCompare(b.control));
}

/** No escape codes: the default, and what pipes and log files get. */
const identity = (text: string | number | null | undefined) => String(text ?? '');
const PLAIN: Pick<Colors, 'bold' | 'red' | 'green' | 'yellow' | 'dim'> = { bold: identity, red: identity, green: identity, yellow: identity, dim: identity };

export type SummaryColors = Pick<Colors, 'bold' | 'red' | 'green' | 'yellow' | 'dim'>;

export function consoleSummary(
  findings: Iterable<AwsSecurityFinding>,
  scan: ScanDocument,
  outputDir: string,
  top = 10,
  paint: SummaryColors = PLAIN,
  /** The run's history delta: with it the summary reuses the pass the run's reports made over the findings. */
  delta?: HistoryDelta,
): string {
  const { byStatus, failingBySeverity, suppressed, total } = scan.counts;
  const bySeverity = (severity: Severity, text: string) =>
    severity === 'CRITICAL' || severity === 'HIGH' ? paint.bold(paint.red(text)) : severity === 'MEDIUM' ? paint.yellow(text) : text;
  const accounts = scan.accounts.map((a) => a.id).join(', ') || 'no account';
  const lines = [
    `hubcheck ${scan.tool.version}: scanned ${accounts} (${scan.regions.length} Region${scan.regions.length === 1 ? '' : 's'}, ${scan.rules.length} rules, ${scan.benchmarks.join(' ')}${scan.mode === 'replay' ? ', replayed' : ''}) in ${(scan.durationMs / 1000).toFixed(1)} s`,
    `  ${total} findings: ${paint.green(`PASSED ${byStatus.PASSED}`)}  ${byStatus.FAILED > 0 ? paint.red(`FAILED ${byStatus.FAILED}`) : 'FAILED 0'}  WARNING ${byStatus.WARNING}  ${byStatus.NOT_AVAILABLE > 0 ? paint.yellow(`NOT_AVAILABLE ${byStatus.NOT_AVAILABLE}`) : 'NOT_AVAILABLE 0'}  SUPPRESSED ${suppressed}`,
    `  Failing by severity (FAILED, not suppressed): ${[...SEVERITIES].reverse().filter((s) => s !== 'INFORMATIONAL').map((s) => `${s} ${failingBySeverity[s]}`).join('  ')}`,
  ];
  const failing = failingControls(findings, delta);
  if (failing.length > 0) {
    lines.push('  Top failing controls:');
    const width = Math.max(...failing.slice(0, top).map((c) => c.control.length));
    for (const c of failing.slice(0, top)) {
      lines.push(`    ${bySeverity(c.severity, c.severity.padEnd(8))} ${c.control.padEnd(width)}  ${String(c.resources).padStart(4)} resource${c.resources === 1 ? ' ' : 's'}  ${c.title}`);
    }
    if (failing.length > top) lines.push(`    ... and ${failing.length - top} more failing controls`);
  }
  if (scan.notAvailable.length > 0) {
    const reasons = new Map<string, number>();
    for (const n of scan.notAvailable) reasons.set(n.reason, (reasons.get(n.reason) ?? 0) + 1);
    lines.push(paint.yellow(`  Could not evaluate ${scan.notAvailable.length} checks:`));
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      lines.push(`    ${String(count).padStart(4)} x ${reason}`);
    }
  }
  lines.push(...accountLines(scan));
  lines.push(
    scan.mode === 'replay'
      ? '  API calls: none (every answer replayed from the snapshot)'
      : `  API calls: ${scan.apiCalls.calls} (${scan.apiCalls.throttles} throttled)`,
  );
  lines.push(`  Reports: ${outputDir}`);
  return `${lines.join('\n')}\n`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Per account and Region: duration, API calls, throttles, errors; accounts that
 * were not scanned, and why. A replay makes no calls, so it shows no call counts.
 */
function accountLines(scan: ScanDocument): string[] {
  const lines = ['  Per account and Region:'];
  const traffic = (calls: number, throttles: number) => (scan.mode === 'replay' ? '' : `  ${calls} calls  ${throttles} throttled`);
  for (const account of scan.accounts) {
    if (account.status === 'failed') {
      lines.push(`    ${account.id}  NOT SCANNED: ${account.error?.message ?? 'unknown error'}`);
      continue;
    }
    const errors = account.regionDetails.reduce((sum, r) => sum + r.errors, 0);
    lines.push(
      `    ${account.id}  ${seconds(account.durationMs)}${traffic(account.apiCalls.calls, account.apiCalls.throttles)}  ${errors} errors`,
    );
    const width = Math.max(...account.regionDetails.map((r) => r.region.length));
    for (const r of account.regionDetails) {
      lines.push(`      ${r.region.padEnd(width)}  ${seconds(r.durationMs)}${traffic(r.calls, r.throttles)}  ${r.errors} errors`);
    }
  }
  return lines;
}
