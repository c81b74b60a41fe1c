/** `hubcheck import FILE`: validate custom ASFF findings and send them to Security Hub, answering as BatchImportFindings does. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { Command } from 'commander';
import type { ValidationIssue } from '../asff/validate.js';
import { terminalText } from '../io/escape.js';
import { createLogger, type LogLevel } from '../log.js';
import type { Identity } from '../securityhub/push.js';
import { addCallLimitOptions, addLogOption, region } from './options.js';
import type { CliIO } from './run-scan.js';
import { readJsonFile } from './validate.js';

interface ImportOptions {
  region?: string;
  callTimeout?: number;
  maxAttempts?: number;
  dryRun?: boolean;
  profile?: string;
  logLevel: LogLevel;
}

export function importCommand(io: CliIO, setExitCode: (code: number) => void): Command {
  const command = new Command('import')
    .description(
      'validate a file of custom ASFF findings (one object or an array) and send them to Security Hub; ' +
        'prints { FailedCount, SuccessCount, FailedFindings } as BatchImportFindings does',
    )
    .argument('<file>', 'JSON file of findings')
    .option(
      '--region <region>',
      "Region for findings with no ProductArn; when given, every ProductArn must be in it (default: AWS_REGION, the profile's Region, or us-east-1)",
      region,
    )
    .option('--dry-run', 'validate only: nothing is sent, AWS is not called')
    .option('--profile <name>', 'AWS profile from the shared config files')
    .addHelpText(
      'after',
      '\nA finding with no AwsAccountId gets the caller\'s account, and one with no ProductArn the caller\'s default product\n' +
        'in the target Region (sts:GetCallerIdentity). Values that are present are never replaced.\n' +
        'Exit codes: 0 all imported, 2 bad usage or an invalid file (nothing sent), 3 some findings were not imported.\n',
    );
  addCallLimitOptions(command);
  addLogOption(command);
  return command.action(async (file: string, opts: ImportOptions) => {
    const { DRY_RUN_IDENTITY, SecurityHubClient, callLimits, callerIdentity, errorCode, errorMessage, fillFromIdentity, needsIdentity, resolveHomeRegion, retryPolicyFor, securityHubPool, sendImport, validateImport } = await import('./aws-runtime.js');
    const parsed = await readJsonFile(file);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const target = await resolveHomeRegion(opts.region, opts.profile);
    const needs = needsIdentity(list);
    const shape = (findings: unknown[]) => (Array.isArray(parsed) ? findings : findings[0]);

    // Validate with a stand-in identity first: an invalid file never reaches AWS.
    const draft = fillFromIdentity(list, DRY_RUN_IDENTITY, target);
    const reject = (issues: ValidationIssue[]) => {
      for (const issue of issues) io.stderr.write(`${terminalText(`${file}: ${issue.path}: ${issue.message}`)}\n`);
      const bad = new Set(issues.map((i) => /^\$(\[\d+\])?/.exec(i.path)?.[0])).size;
      io.stderr.write(`${file}: ${bad} of ${list.length} findings invalid (${issues.length} problems); nothing was sent\n`);
      setExitCode(2);
    };
    const issues = validateImport(shape(draft.findings), opts.region);
    if (issues.length > 0) return reject(issues);
    if (opts.dryRun) {
      const fill = draft.filled > 0 ? `; ${draft.filled} would get AwsAccountId/ProductArn from the caller's identity` : '';
      io.stdout.write(`${file}: ${list.length} finding${list.length === 1 ? '' : 's'} valid${fill}; nothing sent (--dry-run)\n`);
      setExitCode(0);
      return;
    }

    const logger = createLogger(opts.logLevel);
    const limits = callLimits(opts);
    const retry = retryPolicyFor(limits);
    const { pool, destroy } = securityHubPool(opts.profile, ['securityhub:BatchImportFindings'], logger, limits);
    try {
      let identity: Identity | undefined;
      let findings = list;
      if (needs) {
        try {
          identity = await callerIdentity(pool, target, retry)();
        } catch (error) {
          io.stderr.write(`hubcheck: cannot determine the caller's account to fill AwsAccountId/ProductArn (${errorCode(error)}): ${errorMessage(error)}\n`);
          setExitCode(3);
          return;
        }
        findings = fillFromIdentity(list, identity, target).findings;
        const late = validateImport(shape(findings), opts.region);
        if (late.length > 0) return reject(late);
      }
      const result = await sendImport(findings as AwsSecurityFinding[], {
        client: (r) => pool.get(SecurityHubClient, r),
        retry,
        account: identity?.account,
        warn: (line) => io.stderr.write(`hubcheck: ${line}\n`),
      });
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      setExitCode(result.FailedCount === 0 ? 0 : 3);
    } finally {
      destroy();
    }
  });
}
