/**
 * Shared by the S3 bucket rules (S3.4, S3.5, S3.8, S3.20) and S3.1.
 *
 * Bucket rules run in every scanned Region R and judge the buckets that live
 * in R, reading each bucket through R's layer (a client in the bucket's own
 * Region), so every bucket is reported once, in its Region. Buckets in Regions
 * the scan does not cover are not judged.
 */
import type { BucketInfo, PublicAccessBlock } from '../../src/data/s3.js';
import { fail, pass, type ReasonCodes, type ResourceRef, type RuleContext, type RuleResult } from '../../src/engine/rule.js';
import { s3BucketResource } from './resources.js';

/** Judges every bucket of the Region being evaluated; a judge returning null gives that bucket no finding. */
export async function evaluateBucketsInRegion(
  { data, region, partition }: Pick<RuleContext, 'data' | 'region' | 'partition'>,
  judge: (bucket: BucketInfo, resource: ResourceRef) => Promise<RuleResult | null>,
): Promise<RuleResult[]> {
  const buckets = (await data.s3.buckets()).filter((bucket) => bucket.region === region);
  const results = await Promise.all(buckets.map((bucket) => judge(bucket, s3BucketResource(bucket, partition))));
  return results.filter((r): r is RuleResult => r !== null);
}

export const PUBLIC_ACCESS_BLOCK_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The Block Public Access settings that are off (all four when there is no configuration). */
export function publicAccessBlockGaps(config: PublicAccessBlock | null): string[] {
  return PUBLIC_ACCESS_BLOCK_SETTINGS.filter((setting) => config?.[setting] !== true);
}

/** The four settings as evidence (null when there is no configuration). */
export function publicAccessBlockEvidence(config: PublicAccessBlock | null): Record<string, boolean | null> {
  return Object.fromEntries(PUBLIC_ACCESS_BLOCK_SETTINGS.map((s) => [s, config ? config[s] : null]));
}

/** The reason codes of the Block Public Access rules (S3.1 for the account, S3.8 per bucket). */
export const PUBLIC_ACCESS_BLOCK_REASON_CODES = {
  PUBLIC_ACCESS_BLOCK_ON: 'All four Block Public Access settings are on.',
  PUBLIC_ACCESS_BLOCK_OFF: 'At least one of the four Block Public Access settings is off (the reason names them).',
  NO_PUBLIC_ACCESS_BLOCK: 'There is no Block Public Access configuration at all.',
} as const satisfies ReasonCodes;

/** What a Block Public Access rule says in each case. */
export interface PublicAccessBlockTexts {
  on: string;
  none: string;
  off: (settings: string) => string;
}

/** PASSED when all four settings are on; FAILED, naming the settings that are off, otherwise. */
export function judgePublicAccessBlock(resource: ResourceRef, config: PublicAccessBlock | null, texts: PublicAccessBlockTexts): RuleResult {
  const evidence = publicAccessBlockEvidence(config);
  if (config === null) return fail(resource, texts.none, { reasonCode: 'NO_PUBLIC_ACCESS_BLOCK', evidence });
  const off = publicAccessBlockGaps(config);
  return off.length === 0
    ? pass(resource, texts.on, { reasonCode: 'PUBLIC_ACCESS_BLOCK_ON', evidence })
    : fail(resource, texts.off(off.join(', ')), { reasonCode: 'PUBLIC_ACCESS_BLOCK_OFF', evidence });
}
