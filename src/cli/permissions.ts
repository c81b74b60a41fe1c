/** `hubcheck permissions`: the least-privilege IAM policy for the selected rules. */
import { Command } from 'commander';
import type { Rule } from '../engine/rule.js';
import { addSelectionOptions, type SelectionOptions } from './options.js';
import type { CliIO } from './run-scan.js';
import { selectRules } from './select.js';

/** Reads the engine itself makes whatever rules run: the caller's identity and the Region list. */
export const ENGINE_ACTIONS = ['ec2:DescribeRegions', 'sts:GetCallerIdentity'] as const;

/**
 * What `scan --securityhub` calls in Security Hub: DescribeHub and GetFindings
 * (reads), BatchImportFindings and BatchUpdateFindings (the writes; the second
 * only for suppressions). In its own statement, so the scanning statement stays
 * read-only. With --accounts or --organization, each member account's role
 * needs it: its findings are pushed with that role.
 */
export const SECURITY_HUB_PUSH_ACTIONS = [
  'securityhub:BatchImportFindings',
  'securityhub:BatchUpdateFindings',
  'securityhub:DescribeHub',
  'securityhub:GetFindings',
] as const;

export function permissionsPolicy(rules: readonly Rule[], options: { securityhub?: boolean } = {}) {
  const actions = [...new Set([...ENGINE_ACTIONS, ...rules.flatMap((r) => r.requiredActions)])].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'HubcheckReadOnlyScan', Effect: 'Allow', Action: actions, Resource: '*' },
      ...(options.securityhub
        ? [{ Sid: 'HubcheckSecurityHubPush', Effect: 'Allow', Action: [...SECURITY_HUB_PUSH_ACTIONS], Resource: '*' }]
        : []),
    ],
  };
}

export function permissionsCommand(io: CliIO): Command {
  const command = new Command('permissions').description(
    'print the least-privilege IAM policy (JSON) that the selected rules need',
  );
  command.option('--securityhub', 'also the Security Hub actions that scan --securityhub needs, in a separate statement');
  addSelectionOptions(command);
  return command.action(async (opts: SelectionOptions & { securityhub?: boolean }) => {
    const { rules } = await selectRules(opts);
    io.stdout.write(`${JSON.stringify(permissionsPolicy(rules, { securityhub: opts.securityhub }), null, 2)}\n`);
  });
}
