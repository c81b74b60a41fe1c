/**
 * Which instances the instance rules (EC2.8, CIS instance roles) judge.
 *
 * DescribeInstances keeps listing terminated instances for about an hour.
 * They can no longer be fixed or reached, and AWS Config deletes their
 * configuration items, so Security Hub gives them no finding: neither do we.
 * `shutting-down` is the first step of termination and is skipped alike.
 * Stopped instances are judged: they keep their settings and can start again.
 */
import type { Instance } from '@aws-sdk/client-ec2';

const GONE = new Set(['shutting-down', 'terminated']);

export function evaluatedInstances(instances: readonly Instance[]): Instance[] {
  return instances.filter((instance) => !GONE.has(instance.State?.Name ?? ''));
}
