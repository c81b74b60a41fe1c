/**
 * `scan --parity`: the parity table (parity.ts) of a scan, Security Hub's side
 * read right after the evaluation. Each account's control findings are read
 * with the session it was scanned with, from its own Security Hub, in the
 * scanned Regions (GetFindings: ProductName "Security Hub", ACTIVE, the
 * account). An account whose findings cannot be read is named in `errors` and
 * left out of the table (its findings are not "only hubcheck"); the others are
 * still compared.
 */
import pLimit from 'p-limit';
import { SecurityHubClient, type AwsSecurityFinding, type AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from 'pino';
import type { ParityRecord } from '../domain/parity.js';
import { parity } from './parity.js';
import { pullFindings, type ClientFor } from './pull.js';
import { errorCode, errorMessage, type RetryPolicy } from './retry.js';
import { pushGroups, securityHubPool, type ScanFindingsInput } from './scan-push.js';

export interface ScanParityOptions {
  profile?: string;
  logger?: Logger;
  /** Tests: the client for an account's session and a Region. */
  clientFor?: (credentials: AwsCredentialIdentityProvider | undefined) => ClientFor;
  retry?: RetryPolicy;
  now?: Date;
}

export async function scanParity(input: ScanFindingsInput & { regions: readonly string[] }, options: ScanParityOptions = {}): Promise<ParityRecord> {
  const errors: string[] = [];
  const theirs: AwsSecurityFinding[] = [];
  const unread = new Set<AwsSecurityFinding>();
  const limit = pLimit(4);
  await Promise.all(
    pushGroups(input).map((group) =>
      limit(async () => {
        const account = group.identity?.account;
        const regions = [...new Set(group.scopes.map((s) => s.region))].sort();
        const filters: AwsSecurityFindingFilters = {
          ProductName: [{ Comparison: 'EQUALS', Value: 'Security Hub' }],
          RecordState: [{ Comparison: 'EQUALS', Value: 'ACTIVE' }],
          ...(account ? { AwsAccountId: [{ Comparison: 'EQUALS', Value: account }] } : {}),
        };
        const pool = options.clientFor ? undefined : securityHubPool(options.profile, [], options.logger, undefined, group.credentials);
        const clientFor: ClientFor = options.clientFor ? options.clientFor(group.credentials) : (region) => pool!.pool.get(SecurityHubClient, region);
        try {
          const pulled = await pullFindings(clientFor, {
            regions: regions.length > 0 ? regions : [...input.regions],
            homeRegion: input.homeRegion,
            filters,
            now: options.now ?? new Date(),
            ...(options.retry ? { retry: options.retry } : {}),
          });
          theirs.push(...pulled.findings);
        } catch (error) {
          for (const finding of group.findings) unread.add(finding);
          errors.push(`${account ? `account ${account}` : "the caller's account"}: ${errorCode(error)}: ${errorMessage(error).split('\n')[0]}`);
        } finally {
          pool?.destroy();
        }
      }),
    ),
  );
  // An account whose side could not be read is left out, not shown as "only hubcheck".
  return { ...parity(input.findings.filter((f) => !unread.has(f)), theirs), errors: errors.sort() };
}
