/**
 * `hubcheck pull`: Security Hub as a source. Reads the findings of every product
 * from Security Hub (GetFindings, filtered with the insight filter language) and
 * writes them as a findings file that `report`, `insights`, `merge` and the
 * history take like hubcheck's own findings.asff.json.
 */
import type { AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { Command } from 'commander';
import { FilterError, compileFilters } from '../asff/filters.js';
import { findManagedInsight } from '../asff/insights.js';
import { UsageError } from '../errors.js';
import { writeFindingsFile } from '../app/write-outputs.js';
import { createLogger, type LogLevel } from '../log.js';
import { addCallLimitOptions, addLogOption, list, positiveInteger, region } from './options.js';
import type { CliIO } from './run-scan.js';
import { readJsonFile } from './validate.js';

interface PullCommandOptions {
  regions: string[];
  filters?: string;
  insight?: string;
  output: string;
  max?: number;
  profile?: string;
  homeRegion?: string;
  callTimeout?: number;
  maxAttempts?: number;
  logLevel: LogLevel;
}

export const PULL_FILE = 'securityhub-findings.asff.json';

const regionList = (value: string, previous: string[]): string[] => [...new Set([...previous, ...list(value).map(region)])];

/** The filters of --filters (a filters object, or a CreateInsight body) or of a managed --insight; none: every finding. */
export async function pullFilters(opts: { filters?: string; insight?: string }): Promise<AwsSecurityFindingFilters> {
  if (opts.filters && opts.insight) throw new UsageError('use --filters or --insight, not both');
  let filters: unknown = {};
  if (opts.insight) {
    const preset = findManagedInsight(opts.insight);
    if (!preset) throw new UsageError(`unknown insight ${opts.insight}; hubcheck insights --managed lists them`);
    filters = preset.filters;
  } else if (opts.filters) {
    const raw = await readJsonFile(opts.filters);
    filters = raw && typeof raw === 'object' && !Array.isArray(raw) && 'Filters' in raw ? (raw).Filters : raw;
  }
  try {
    compileFilters(filters, { forService: true });
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`${opts.filters ?? `insight ${opts.insight}`}: ${error.message}`);
    throw error;
  }
  return filters as AwsSecurityFindingFilters;
}

export function pullCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const command = new Command('pull')
    .description('read findings of every product back from Security Hub (GetFindings) into a findings file for report, insights, merge and history')
    .option('--regions <list>', 'Regions to read (default: the finding aggregation Region when one is configured, else the home Region)', regionList, [])
    .option('--filters <file>', 'AwsSecurityFindingFilters as JSON, or a CreateInsight body { Filters }; default: every finding')
    .option('--insight <name>', "a managed insight's filters (see hubcheck insights --managed)")
    .option('--output <file>', 'where to write the findings', PULL_FILE)
    .option('--max <n>', 'stop after this many findings', positiveInteger)
    .option('--home-region <region>', "Region for the aggregator lookup (default: AWS_REGION, the profile's Region, or us-east-1)", region)
    .option('--profile <name>', 'AWS profile');
  addCallLimitOptions(command);
  addLogOption(command);
  return command.action(async (opts: PullCommandOptions) => {
    const filters = await pullFilters(opts);
    const { SecurityHubClient, callLimits, resolveHomeRegion, retryPolicyFor, securityHubPool, pullFindings, errorCode, errorMessage } = await import('./aws-runtime.js');
    const homeRegion = await resolveHomeRegion(opts.homeRegion, opts.profile);
    const limits = callLimits(opts);
    const { pool, destroy } = securityHubPool(opts.profile, [], createLogger(opts.logLevel), limits);
    try {
      const result = await pullFindings((r) => pool.get(SecurityHubClient, r), {
        retry: retryPolicyFor(limits),
        regions: opts.regions,
        homeRegion,
        filters,
        now: new Date(),
        ...(opts.max ? { max: opts.max } : {}),
      });
      await writeFindingsFile(opts.output, result.findings);
      const where = result.source.aggregationRegion
        ? `the aggregation Region ${result.source.aggregationRegion}`
        : `${result.source.regions.join(', ')}${result.source.aggregatorNote ? ` (${result.source.aggregatorNote})` : ''}`;
      const products = new Set(result.findings.map((f) => f.ProductArn ?? '')).size;
      io.stderr.write(
        `hubcheck: pulled ${result.findings.length} findings of ${products} product(s) from ${where}${result.truncated ? ` (stopped at --max ${opts.max})` : ''}\n`,
      );
      io.stdout.write(`${opts.output}\n`);
      setExitCode(0);
    } catch (error) {
      io.stderr.write(`hubcheck: pull failed (${errorCode(error)}): ${errorMessage(error).split('\n')[0]}\n`);
      setExitCode(3);
    } finally {
      destroy();
    }
  });
}
