/**
 * Which accounts a run scans and with which credentials: the caller's own
 * account, a list (`--accounts`), or the whole organization (`--organization`),
 * each reached by assuming `--role-name` (with `--external-id`) from the
 * caller's credentials.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from '../errors.js';

export interface AccountTarget {
  /** The account id when known before scanning (always, except for the caller's own account). */
  account?: string;
  credentials: AwsCredentialIdentityProvider;
  /** The role assumed into the account, for messages. */
  roleArn?: string;
}

export interface AssumeRoleOptions {
  roleName: string;
  externalId?: string;
  partition: string;
  region: string;
  sessionName?: string;
}

const ACCOUNT_ID = /^\d{12}$/;

export function parseAccountIds(ids: readonly string[]): string[] {
  for (const id of ids) {
    if (!ACCOUNT_ID.test(id)) throw new UsageError(`--accounts: ${id} is not a 12-digit account id`);
  }
  return [...new Set(ids)];
}

export function roleArn(account: string, options: Pick<AssumeRoleOptions, 'roleName' | 'partition'>): string {
  const name = options.roleName.replace(/^\/+/, '');
  return `arn:${options.partition}:iam::${account}:role/${name}`;
}

/** Credentials for an account reached by AssumeRole from the caller's credentials (refreshed by the SDK). */
export function assumeRole(base: AwsCredentialIdentityProvider, account: string, options: AssumeRoleOptions): AccountTarget {
  const arn = roleArn(account, options);
  return {
    account,
    roleArn: arn,
    credentials: shared(fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: arn,
        RoleSessionName: options.sessionName ?? 'hubcheck',
        DurationSeconds: 3600,
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      },
      clientConfig: { region: options.region },
    })),
  };
}

/** Refresh shared credentials this long before they expire. */
const REFRESH_MS = 5 * 60_000;

/**
 * One AssumeRole for all of an account's clients: each SDK client caches the
 * credentials it resolves, but only for itself, so without this every service
 * and Region client of an account assumed the role again (about 40 calls per
 * account). Concurrent first callers share the one request in flight; the
 * credentials are fetched again when they come near their expiry.
 */
export function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const held = current;
    if (held) {
      const credentials = await held.catch(() => undefined);
      if (credentials && (!credentials.expiration || credentials.expiration.getTime() - Date.now() > REFRESH_MS)) return credentials;
      if (current !== held) return current ?? provider();
    }
    const next = provider();
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
}
