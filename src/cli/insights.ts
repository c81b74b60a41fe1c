/**
 * `hubcheck insights FILE`: Security Hub insights over local findings (filters
 * and GroupByAttribute, or a managed insight by name), printed as a table or
 * JSON; `--create` creates the same insight in Security Hub (CreateInsight).
 */
import type { AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { Command } from 'commander';
import { readFindingsFile } from '../asff/read-findings.js';
import { FilterError, compileFilters } from '../asff/filters.js';
import { MANAGED_INSIGHTS, checkGroupBy, findManagedInsight, runInsight, type InsightPreset, type InsightResult } from '../asff/insights.js';
import { UsageError } from '../errors.js';
import { createLogger, type LogLevel } from '../log.js';
import { addLogOption, region } from './options.js';
import type { CliIO } from './run-scan.js';
import { readJsonFile } from './validate.js';

interface InsightsOptions {
  filters?: string;
  insight?: string;
  groupBy?: string;
  managed?: boolean;
  json?: boolean;
  now?: string;
  create?: boolean;
  region?: string;
  name?: string;
  profile?: string;
  fromSecurityhub?: boolean;
  logLevel: LogLevel;
}

interface Definition {
  name?: string;
  preset?: InsightPreset;
  filters: AwsSecurityFindingFilters;
  groupBy: string;
  source: string;
}

export const DEFAULT_GROUP_BY = 'ResourceId';

export function insightsCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const command = new Command('insights')
    .description("evaluate Security Hub insights (filters + group by) over a file of findings; Security Hub's managed insights are presets")
    .argument('[file]', 'JSON file of findings (one object or an array), e.g. findings.asff.json')
    .option('--filters <file>', 'AwsSecurityFindingFilters as JSON, or a CreateInsight body { Name, Filters, GroupByAttribute }')
    .option('--insight <name>', 'a managed insight: its id, number, name or ARN (see --managed)')
    .option('--group-by <attribute>', `GroupByAttribute (default: the insight's, else ${DEFAULT_GROUP_BY})`)
    .option('--managed', 'list the managed insights')
    .option('--json', 'print JSON instead of a table')
    .option('--now <time>', 'evaluate DateRange filters relative to this time (default: now)')
    .option('--create', 'also create this insight in Security Hub (CreateInsight)')
    .option('--region <region>', "Region for --create (default: AWS_REGION, the profile's Region, or us-east-1)", region)
    .option('--name <name>', 'insight name for --create (default: the managed insight\'s, or Name from --filters)')
    .option('--profile <name>', 'AWS profile for --create and --from-securityhub')
    .option('--from-securityhub', 'evaluate over the findings in Security Hub (GetFindings with the same filters) instead of a file');
  addLogOption(command);
  return command.action(async (file: string | undefined, opts: InsightsOptions) => {
    const { CreateInsightCommand, SecurityHubClient, errorCode, errorMessage, isRetryableError, resolveHomeRegion, securityHubPool, withRetry } = await import('./aws-runtime.js');
    if (opts.managed) {
      if (file || opts.filters || opts.insight || opts.create) throw new UsageError('--managed lists the managed insights; use it alone (or with --json)');
      io.stdout.write(opts.json ? `${JSON.stringify(MANAGED_INSIGHTS, null, 2)}\n` : managedTable());
      setExitCode(0);
      return;
    }
    if (opts.insight && opts.filters) throw new UsageError('use --insight or --filters, not both');
    if (file && opts.fromSecurityhub) throw new UsageError('use FILE or --from-securityhub, not both');
    if (!file && !opts.create && !opts.fromSecurityhub) {
      throw new UsageError('missing FILE: the findings to evaluate (or --from-securityhub, --managed to list insights, or --create)');
    }
    const now = opts.now === undefined ? new Date() : parseNow(opts.now);
    const definition = await define(opts);
    try {
      compileFilters(definition.filters, { now });
      checkGroupBy(definition.groupBy);
    } catch (error) {
      if (error instanceof FilterError) throw new UsageError(`${definition.source}: ${error.message}`);
      throw error;
    }

    let result: InsightResult | undefined;
    if (opts.fromSecurityhub) {
      const { pullFindings } = await import('./aws-runtime.js');
      const home = await resolveHomeRegion(opts.region, opts.profile);
      const { pool, destroy } = securityHubPool(opts.profile, [], createLogger(opts.logLevel));
      try {
        const pulled = await pullFindings((r) => pool.get(SecurityHubClient, r), { regions: opts.region ? [home] : [], homeRegion: home, filters: definition.filters, now });
        result = runInsight(pulled.findings, { filters: definition.filters, groupBy: definition.groupBy }, { now });
      } catch (error) {
        io.stderr.write(`hubcheck: cannot read the findings in Security Hub (${errorCode(error)}): ${errorMessage(error).split('\n')[0]}\n`);
        setExitCode(3);
        return;
      } finally {
        destroy();
      }
      for (const warning of result.warnings) io.stderr.write(`hubcheck: warning: ${warning}\n`);
    } else if (file) {
      const { findings } = await readFindingsFile(file);
      result = runInsight(findings, { filters: definition.filters, groupBy: definition.groupBy }, { now });
      for (const warning of result.warnings) io.stderr.write(`hubcheck: warning: ${warning}\n`);
    }

    let created: { InsightArn: string; Region: string } | undefined;
    if (opts.create) {
      const name = opts.name ?? definition.name;
      if (!name) throw new UsageError('--create needs --name (or a managed insight, or Name in the --filters file)');
      try {
        compileFilters(definition.filters, { now, forService: true });
        checkGroupBy(definition.groupBy, true);
      } catch (error) {
        if (error instanceof FilterError) throw new UsageError(`--create: ${error.message}`);
        throw error;
      }
      const target = await resolveHomeRegion(opts.region, opts.profile);
      const { pool, destroy } = securityHubPool(opts.profile, ['securityhub:CreateInsight'], createLogger(opts.logLevel));
      try {
        const out = await withRetry(
          () =>
            pool.get(SecurityHubClient, target).send(
              new CreateInsightCommand({ Name: name, Filters: definition.filters, GroupByAttribute: definition.groupBy }),
            ),
          { retryable: (e) => isRetryableError(e, { quotaIsFinal: true }) },
        );
        created = { InsightArn: out.InsightArn ?? '', Region: target };
      } catch (error) {
        if (result) io.stdout.write(render(result, definition, opts.json));
        io.stderr.write(`hubcheck: CreateInsight failed in ${target} (${errorCode(error)}): ${errorMessage(error)}\n`);
        setExitCode(3);
        return;
      } finally {
        destroy();
      }
    }

    io.stdout.write(render(result, definition, opts.json, created));
    setExitCode(0);
  });
}

function parseNow(value: string): Date {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`--now ${value}: not a date and time such as 2026-11-27T12:00:00Z`);
  return new Date(t);
}

async function define(opts: InsightsOptions): Promise<Definition> {
  if (opts.insight) {
    const preset = findManagedInsight(opts.insight);
    if (!preset) throw new UsageError(`unknown insight ${opts.insight}; hubcheck insights --managed lists them`);
    return { name: preset.name, preset, filters: preset.filters, groupBy: opts.groupBy ?? preset.groupBy, source: `insight ${preset.id}` };
  }
  if (opts.filters) {
    const raw = await readJsonFile(opts.filters, 'filters');
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'Filters' in raw) {
      const body = raw as { Filters: unknown; GroupByAttribute?: unknown; Name?: unknown };
      return {
        name: typeof body.Name === 'string' ? body.Name : undefined,
        filters: body.Filters as AwsSecurityFindingFilters,
        groupBy: opts.groupBy ?? (typeof body.GroupByAttribute === 'string' ? body.GroupByAttribute : DEFAULT_GROUP_BY),
        source: opts.filters,
      };
    }
    return { filters: raw as AwsSecurityFindingFilters, groupBy: opts.groupBy ?? DEFAULT_GROUP_BY, source: opts.filters };
  }
  return { filters: {}, groupBy: opts.groupBy ?? DEFAULT_GROUP_BY, source: 'filters' };
}

function render(result: InsightResult | undefined, def: Definition, json: boolean | undefined, created?: { InsightArn: string; Region: string }): string {
  if (json) {
    return `${JSON.stringify(
      {
        Name: def.name ?? null,
        ManagedInsightArn: def.preset?.arn ?? null,
        GroupByAttribute: def.groupBy,
        Filters: def.filters,
        ...(result
          ? {
              FindingsTotal: result.total,
              FindingsMatched: result.matched,
              FindingsWithoutValue: result.missing,
              ResultValues: result.results,
            }
          : {}),
        ...(created ? { Created: created } : {}),
      },
      null,
      2,
    )}\n`;
  }
  const lines: string[] = [];
  if (result) {
    const title = def.preset
      ? `Managed insight ${def.preset.number}: ${def.preset.name} (${def.preset.arn})`
      : `Insight${def.name ? ` ${def.name}` : ''} (${def.source})`;
    lines.push(title, `Grouped by ${def.groupBy}: ${result.matched} of ${result.total} findings match`);
    const rows: [string, string][] = result.results.map((r) => [String(r.Count), r.GroupByAttributeValue]);
    if (result.missing > 0) rows.push([String(result.missing), `(no ${def.groupBy})`]);
    if (rows.length > 0) {
      const width = Math.max(5, ...rows.map(([count]) => count.length));
      lines.push(`${'COUNT'.padStart(width)}  ${def.groupBy.toUpperCase()}`);
      for (const [count, value] of rows) lines.push(`${count.padStart(width)}  ${value}`);
    }
  }
  if (created) lines.push(`Created insight in ${created.Region}: ${created.InsightArn}`);
  return `${lines.join('\n')}\n`;
}

function managedTable(): string {
  const idWidth = Math.max(...MANAGED_INSIGHTS.map((p) => p.id.length));
  const groupWidth = Math.max(...MANAGED_INSIGHTS.map((p) => p.groupBy.length));
  const lines = [`${'#'.padStart(2)}  ${'ID'.padEnd(idWidth)}  ${'GROUP BY'.padEnd(groupWidth)}  NAME`];
  for (const p of MANAGED_INSIGHTS) lines.push(`${String(p.number).padStart(2)}  ${p.id.padEnd(idWidth)}  ${p.groupBy.padEnd(groupWidth)}  ${p.name}`);
  return `${lines.join('\n')}\n`;
}
