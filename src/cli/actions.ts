/**
 * `hubcheck actions`: Security Hub custom actions and the EventBridge event
 * patterns that route findings to SNS, SQS or Lambda.
 *
 *   actions create --name N --description D --id ID   CreateActionTarget, then print its pattern
 *   actions pattern --imported [--severity ...]        pattern for hubcheck's imported findings
 *   actions pattern --id ID                            pattern for an existing custom action
 */
import { Command, InvalidArgumentError } from 'commander';
import { productArn } from '../asff/to-asff.js';
import { COMPLIANCE_STATUSES } from '../asff/limits.js';
import { UsageError } from '../errors.js';
import { partitionOf } from '../engine/partitions.js';
import { createLogger, type LogLevel } from '../log.js';
import { actionTargetArn, actionTargetProblems, customActionPattern, importedFindingsPattern } from '../securityhub/actions.js';
import { addLogOption, list, region, severities } from './options.js';
import type { CliIO } from './run-scan.js';

interface CommonOptions {
  region?: string;
  profile?: string;
  logLevel: LogLevel;
}

function account(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('expected a 12-digit account id');
  return value;
}

function complianceList(value: string, previous: string[] = []): string[] {
  const items = list(value).map((s) => s.toUpperCase());
  for (const item of items) {
    if (!(COMPLIANCE_STATUSES as readonly string[]).includes(item)) throw new InvalidArgumentError(`use one of ${COMPLIANCE_STATUSES.join(', ')}`);
  }
  return [...previous, ...items];
}

const print = (io: CliIO, pattern: unknown) => io.stdout.write(`${JSON.stringify(pattern, null, 2)}\n`);

export function actionsCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const output = { writeOut: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(s) };

  const create = new Command('create')
    .description('create a Security Hub custom action (CreateActionTarget) and print the EventBridge event pattern that matches it')
    .requiredOption('--name <name>', `name shown in the console (at most ${20} characters)`)
    .requiredOption('--description <text>', 'one short sentence')
    .requiredOption('--id <id>', 'id, unique in the account and Region (at most 20 letters and digits)')
    .option('--region <region>', "Region (default: AWS_REGION, the profile's Region, or us-east-1)", region)
    .option('--profile <name>', 'AWS profile from the shared config files');
  addLogOption(create);
  create.action(async (opts: CommonOptions & { name: string; description: string; id: string }) => {
    const { CreateActionTargetCommand, SecurityHubClient, errorCode, errorMessage, isRetryableError, resolveHomeRegion, securityHubPool, withRetry } = await import('./aws-runtime.js');
    const problems = actionTargetProblems(opts);
    if (problems.length > 0) throw new UsageError(problems.join('; '));
    const target = await resolveHomeRegion(opts.region, opts.profile);
    const { pool, destroy } = securityHubPool(opts.profile, ['securityhub:CreateActionTarget'], createLogger(opts.logLevel));
    try {
      const out = await withRetry(
        () => pool.get(SecurityHubClient, target).send(new CreateActionTargetCommand({ Name: opts.name, Description: opts.description, Id: opts.id })),
        { retryable: (e) => isRetryableError(e, { quotaIsFinal: true }) },
      );
      if (!out.ActionTargetArn) throw Object.assign(new Error('CreateActionTarget returned no ActionTargetArn'), { name: 'InvalidResponse' });
      print(io, customActionPattern(out.ActionTargetArn));
      setExitCode(0);
    } catch (error) {
      io.stderr.write(`hubcheck: CreateActionTarget failed in ${target} (${errorCode(error)}): ${errorMessage(error)}\n`);
      setExitCode(3);
    } finally {
      destroy();
    }
  });

  const pattern = new Command('pattern')
    .description("print an EventBridge event pattern: hubcheck's imported findings (--imported), or a custom action's events (--id)")
    .option('--imported', "match Security Hub Findings - Imported events of hubcheck's findings (ACTIVE, Compliance FAILED by default)")
    .option('--severity <labels>', 'with --imported: only these severity labels (comma-separated)', severities)
    .option('--compliance <statuses>', 'with --imported: these compliance statuses (default FAILED)', complianceList)
    .option('--id <id>', 'match the events of the custom action with this id')
    .option('--region <region>', "Region of the events (default: AWS_REGION, the profile's Region, or us-east-1)", region)
    .option('--account <id>', 'account id (default: the caller\'s, from sts:GetCallerIdentity)', account)
    .option('--profile <name>', 'AWS profile, to look up the account');
  addLogOption(pattern);
  pattern.action(async (opts: CommonOptions & { imported?: boolean; severity?: string[]; compliance?: string[]; id?: string; account?: string }) => {
    const { callerIdentity, errorCode, errorMessage, resolveHomeRegion, securityHubPool } = await import('./aws-runtime.js');
    if (Boolean(opts.imported) === Boolean(opts.id)) throw new UsageError('use exactly one of --imported and --id');
    if (opts.id && (opts.severity || opts.compliance)) throw new UsageError('--severity and --compliance go with --imported');
    if (opts.id) {
      const problems = actionTargetProblems({ name: 'x', description: 'x', id: opts.id });
      if (problems.length > 0) throw new UsageError(problems.join('; '));
    }
    const target = await resolveHomeRegion(opts.region, opts.profile);
    let accountId = opts.account;
    let partition = partitionOf(target);
    if (!accountId) {
      const { pool, destroy } = securityHubPool(opts.profile, [], createLogger(opts.logLevel));
      try {
        const identity = await callerIdentity(pool, target)();
        accountId = identity.account;
        partition = identity.partition;
      } catch (error) {
        io.stderr.write(`hubcheck: cannot determine the account (${errorCode(error)}): ${errorMessage(error)}; pass --account\n`);
        setExitCode(3);
        return;
      } finally {
        destroy();
      }
    }
    print(
      io,
      opts.id
        ? customActionPattern(actionTargetArn(partition, target, accountId, opts.id))
        : importedFindingsPattern({ productArn: productArn(partition, target, accountId), severities: opts.severity, compliance: opts.compliance }),
    );
    setExitCode(0);
  });

  const command = new Command('actions').description('Security Hub custom actions and EventBridge event patterns for routing findings');
  for (const sub of [create, pattern]) command.addCommand(sub.exitOverride().configureOutput(output).showSuggestionAfterError());
  return command;
}
