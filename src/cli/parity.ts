/**
 * `hubcheck parity FINDINGS`: hubcheck's findings beside Security Hub's own CIS
 * control findings for the same accounts, Regions and controls: both agree,
 * only hubcheck, only Security Hub, they disagree (with both statuses and
 * Security Hub's reason code). Security Hub's side comes from a file
 * `hubcheck pull` wrote (--securityhub FILE), or live from Security Hub.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { createLogger, type LogLevel } from '../log.js';
import { PARITY_LABELS } from '../domain/parity.js';
import { parity, type ParityCategory, type ParityReport } from '../securityhub/parity.js';
import { addLogOption, region } from './options.js';
import type { CliIO } from './run-scan.js';
import { readJsonFile } from './validate.js';

interface ParityOptions {
  securityhub?: string;
  json?: boolean;
  all?: boolean;
  profile?: string;
  homeRegion?: string;
  logLevel: LogLevel;
}

const LABELS = PARITY_LABELS;

async function findingsFile(file: string): Promise<AwsSecurityFinding[]> {
  const parsed = await readJsonFile(file);
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.some((f) => !f || typeof f !== 'object' || Array.isArray(f))) throw new UsageError(`${file}: expected an ASFF finding or an array of findings`);
  return items as AwsSecurityFinding[];
}

export function parityCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const command = new Command('parity')
    .description("compare hubcheck's findings with Security Hub's own CIS control findings for the same accounts, Regions and controls")
    .argument('<findings>', "hubcheck's findings.asff.json")
    .option('--securityhub <file>', "Security Hub's findings, as `hubcheck pull` writes them (default: read them live from Security Hub)")
    .option('--all', 'list the rows that agree too (default: only the differences)')
    .option('--json', 'print JSON: every row and the counts')
    .option('--home-region <region>', "Region for the live aggregator lookup (default: AWS_REGION, the profile's Region, or us-east-1)", region)
    .option('--profile <name>', 'AWS profile for the live read');
  addLogOption(command);
  return command.action(async (file: string, opts: ParityOptions) => {
    const ours = await findingsFile(file);
    let theirs: AwsSecurityFinding[];
    if (opts.securityhub) {
      theirs = await findingsFile(opts.securityhub);
    } else {
      const { SecurityHubClient, resolveHomeRegion, securityHubPool, pullFindings, errorCode, errorMessage } = await import('./aws-runtime.js');
      const regions = [...new Set(ours.map((f) => f.Resources?.[0]?.Region).filter((r): r is string => !!r))].sort();
      const home = await resolveHomeRegion(opts.homeRegion, opts.profile);
      const { pool, destroy } = securityHubPool(opts.profile, [], createLogger(opts.logLevel));
      try {
        const pulled = await pullFindings((r) => pool.get(SecurityHubClient, r), {
          regions,
          homeRegion: home,
          filters: { ProductName: [{ Comparison: 'EQUALS', Value: 'Security Hub' }], RecordState: [{ Comparison: 'EQUALS', Value: 'ACTIVE' }] },
          now: new Date(),
        });
        theirs = pulled.findings;
      } catch (error) {
        io.stderr.write(`hubcheck: cannot read Security Hub's control findings (${errorCode(error)}): ${errorMessage(error).split('\n')[0]}\n`);
        setExitCode(3);
        return;
      } finally {
        destroy();
      }
    }
    const report = parity(ours, theirs);
    io.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : table(report, opts.all ?? false));
    setExitCode(0);
  });
}

function table(report: ParityReport, all: boolean): string {
  const rows = report.rows.filter((r) => all || r.category !== 'agree');
  const lines = [
    `Parity with Security Hub over ${report.controls.length} controls: ${(Object.keys(LABELS) as ParityCategory[]).map((c) => `${report.counts[c]} ${LABELS[c]}`).join(', ')}`,
  ];
  if (rows.length > 0) {
    const cells = rows.map((r) => [r.control, LABELS[r.category], r.hubcheck ?? '-', `${r.securityHub ?? '-'}${r.securityHubReason ? ` (${r.securityHubReason})` : ''}`, r.account, r.region || '(any)', r.resource]);
    const header = ['CONTROL', 'CATEGORY', 'HUBCHECK', 'SECURITY HUB', 'ACCOUNT', 'REGION', 'RESOURCE'];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
    lines.push('', line(header), ...cells.map(line));
  }
  return `${lines.join('\n')}\n`;
}
