/** Findings as the pipeline hands them on: spooled to disk, one chunk per account. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { FindingSpool } from '../../src/io/finding-spool.js';

export function spoolOf(findings: readonly AwsSecurityFinding[]): FindingSpool {
  const byAccount = new Map<string, AwsSecurityFinding[]>();
  for (const f of findings) {
    const list = byAccount.get(f.AwsAccountId ?? '');
    if (list) list.push(f);
    else byAccount.set(f.AwsAccountId ?? '', [f]);
  }
  const spool = FindingSpool.create();
  for (const [account, list] of byAccount) spool.add(account, list);
  return spool;
}
