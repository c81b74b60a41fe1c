/**
 * Standard AWS configuration, as users expect it: the default credential
 * chain, `--profile`, AWS_REGION / AWS_DEFAULT_REGION / the profile's region,
 * and AWS_ENDPOINT_URL (read by the SDK itself).
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export function credentialChain(profile?: string): AwsCredentialIdentityProvider {
  return fromNodeProviderChain(profile ? { profile } : {});
}

/** `--home-region`, else the environment, else the profile's region, else us-east-1. */
export async function resolveHomeRegion(explicit: string | undefined, profile: string | undefined): Promise<string> {
  if (explicit) return explicit;
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  try {
    const { configFile } = await loadSharedConfigFiles();
    const name = profile ?? process.env.AWS_PROFILE ?? 'default';
    const region = configFile[name]?.region;
    if (region) return region;
  } catch {
    // no readable config file: fall through to the default
  }
  return 'us-east-1';
}
