/**
 * S3 reads. The bucket list is account-wide; every per-bucket read is made
 * with a client in the bucket's own Region (rules read through
 * `dataIn(bucket.region)` or evaluate buckets in the Region they live in), so
 * reads spread over Regions and never bounce through a redirect.
 */
import type { Grant, LifecycleRule, LoggingEnabled, Owner, PublicAccessBlockConfiguration, ServerSideEncryptionRule } from '@aws-sdk/client-s3';
import { collect, defineAccessor, errorName } from './accessor.js';
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';
import { parsed, required, requiredBoolean, requiredList, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const s3Sdk = () => import('@aws-sdk/client-s3');
const s3ControlSdk = () => import('@aws-sdk/client-s3-control');

/** The largest ListBuckets page S3 allows. */
export const LIST_BUCKETS_PAGE = 10_000;

export interface BucketInfo {
  name: string;
  creationDate: string | null;
  /** The Region the bucket lives in. */
  region: string;
}

export interface BucketPolicy {
  /** The policy as S3 returned it. */
  text: string;
  /** The parsed, normalized policy; null if the text is not a policy document. */
  document: PolicyDocument | null;
}

/** The four Block Public Access settings; a missing one counts as off. */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

/** GetBucketLocation's answer -> a Region name (null means us-east-1, EU means eu-west-1). */
export function locationToRegion(location: string | null | undefined): string {
  if (!location) return 'us-east-1';
  if (location === 'EU') return 'eu-west-1';
  return location;
}

function publicAccessBlock(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlock {
  return {
    BlockPublicAcls: config?.BlockPublicAcls === true,
    IgnorePublicAcls: config?.IgnorePublicAcls === true,
    BlockPublicPolicy: config?.BlockPublicPolicy === true,
    RestrictPublicBuckets: config?.RestrictPublicBuckets === true,
  };
}

/** Runs an S3 read whose "not configured" error means an empty answer. */
async function orNull<T>(read: () => Promise<T>, notConfigured: string[]): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (notConfigured.includes(errorName(error) ?? '')) return null;
    throw error;
  }
}

export const s3 = {
  /**
   * Every bucket of the account with its Region: from ListBuckets' BucketRegion
   * (S3 includes it when the request has a parameter, so MaxBuckets is always
   * sent), else from GetBucketLocation (one call per bucket, memoized). A bucket
   * deleted between the two calls is left out.
   */
  buckets: defineAccessor({
    global: true,
    actions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
    async fetch(ctx): Promise<BucketInfo[]> {
      const { S3Client, paginateListBuckets } = await s3Sdk();
      // With a parameter in the request (MaxBuckets), S3 reports each bucket's Region in the listing,
      // which saves one GetBucketLocation per bucket; servers that do not (moto) get the fallback.
      const listed = await collect(paginateListBuckets({ client: ctx.client(S3Client), pageSize: LIST_BUCKETS_PAGE }, {}), 'Buckets', 's3:ListAllMyBuckets');
      const buckets = await Promise.all(
        listed.map(async (b): Promise<BucketInfo | null> => {
          const name = b.Name ?? '';
          let region = b.BucketRegion;
          if (!region) {
            const located = await orNull(() => ctx.read(s3.bucketLocation, name), ['NoSuchBucket']);
            if (located === null) return null;
            region = located;
          }
          return { name, creationDate: b.CreationDate?.toISOString() ?? null, region };
        }),
      );
      return buckets.filter((b): b is BucketInfo => b !== null).sort((a, b) => a.name.localeCompare(b.name));
    },
  }),

  bucketLocation: defineAccessor({
    global: true,
    actions: ['s3:GetBucketLocation'],
    async fetch(ctx, bucket: string): Promise<string> {
      const { GetBucketLocationCommand, S3Client } = await s3Sdk();
      const out = await ctx.client(S3Client).send(new GetBucketLocationCommand({ Bucket: bucket }));
      return locationToRegion(out.LocationConstraint);
    },
  }),

  /** The bucket policy; null when the bucket has none (NoSuchBucketPolicy). */
  bucketPolicy: defineAccessor({
    actions: ['s3:GetBucketPolicy'],
    async fetch(ctx, bucket: string): Promise<BucketPolicy | null> {
      const { GetBucketPolicyCommand, S3Client } = await s3Sdk();
      return orNull(async () => {
        const text = requiredString((await ctx.client(S3Client).send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy, 'Policy', 's3:GetBucketPolicy');
        // A policy that does not parse (truncated, garbled) is unknown, not permissive.
        return { text, document: parsed(parsePolicyDocument(text), 'the bucket policy', 's3:GetBucketPolicy') };
      }, ['NoSuchBucketPolicy']);
    },
  }),

  /** Whether S3 judges the bucket policy public; null when the bucket has no policy. */
  bucketPolicyStatus: defineAccessor({
    actions: ['s3:GetBucketPolicyStatus'],
    async fetch(ctx, bucket: string): Promise<{ isPublic: boolean } | null> {
      const { GetBucketPolicyStatusCommand, S3Client } = await s3Sdk();
      return orNull(async () => {
        const out = await ctx.client(S3Client).send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
        return { isPublic: requiredBoolean(required(out.PolicyStatus, 'PolicyStatus', 's3:GetBucketPolicyStatus').IsPublic, 'IsPublic', 's3:GetBucketPolicyStatus') };
      }, ['NoSuchBucketPolicy']);
    },
  }),

  /** Bucket-level Block Public Access; null when the bucket has no configuration. */
  bucketPublicAccessBlock: defineAccessor({
    actions: ['s3:GetBucketPublicAccessBlock'],
    async fetch(ctx, bucket: string): Promise<PublicAccessBlock | null> {
      const { GetPublicAccessBlockCommand, S3Client } = await s3Sdk();
      return orNull(async () => {
        const out = await ctx.client(S3Client).send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
        return publicAccessBlock(required(out.PublicAccessBlockConfiguration, 'PublicAccessBlockConfiguration', 's3:GetBucketPublicAccessBlock'));
      }, ['NoSuchPublicAccessBlockConfiguration']);
    },
  }),

  /** Account-level Block Public Access (S3 Control); null when the account has no configuration. */
  accountPublicAccessBlock: defineAccessor({
    global: true,
    actions: ['s3:GetAccountPublicAccessBlock'],
    async fetch(ctx): Promise<PublicAccessBlock | null> {
      const { GetPublicAccessBlockCommand: GetAccountPublicAccessBlockCommand, S3ControlClient } = await s3ControlSdk();
      return orNull(async () => {
        const out = await ctx.client(S3ControlClient).send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.account }));
        return publicAccessBlock(required(out.PublicAccessBlockConfiguration, 'PublicAccessBlockConfiguration', 's3:GetAccountPublicAccessBlock'));
      }, ['NoSuchPublicAccessBlockConfiguration']);
    },
  }),

  bucketAcl: defineAccessor({
    actions: ['s3:GetBucketAcl'],
    async fetch(ctx, bucket: string): Promise<{ owner: Owner | null; grants: Grant[] }> {
      const { GetBucketAclCommand, S3Client } = await s3Sdk();
      const out = await ctx.client(S3Client).send(new GetBucketAclCommand({ Bucket: bucket }));
      // S3 always names the owner; an empty grant list arrives as [] (an empty AccessControlList element).
      return { owner: required(out.Owner, 'Owner', 's3:GetBucketAcl'), grants: out.Grants ?? [] };
    },
  }),

  /**
   * Versioning `Status` (Enabled / Suspended / null if never set) and `MFADelete`. S3 answers an
   * empty configuration for a bucket never versioned, so an empty answer cannot be told from a truncated one.
   */
  bucketVersioning: defineAccessor({
    actions: ['s3:GetBucketVersioning'],
    async fetch(ctx, bucket: string): Promise<{ status: string | null; mfaDelete: string | null }> {
      const { GetBucketVersioningCommand, S3Client } = await s3Sdk();
      const out = await ctx.client(S3Client).send(new GetBucketVersioningCommand({ Bucket: bucket }));
      return { status: out.Status ?? null, mfaDelete: out.MFADelete ?? null };
    },
  }),

  /** Lifecycle rules; null when the bucket has no lifecycle configuration. */
  bucketLifecycle: defineAccessor({
    actions: ['s3:GetLifecycleConfiguration'],
    async fetch(ctx, bucket: string): Promise<LifecycleRule[] | null> {
      const { GetBucketLifecycleConfigurationCommand, S3Client } = await s3Sdk();
      return orNull(async () => {
        const out = await ctx.client(S3Client).send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
        return requiredList(out.Rules, 'Rules', 's3:GetLifecycleConfiguration');
      }, ['NoSuchLifecycleConfiguration']);
    },
  }),

  /** Default encryption rules; null when none is configured. */
  bucketEncryption: defineAccessor({
    actions: ['s3:GetEncryptionConfiguration'],
    async fetch(ctx, bucket: string): Promise<ServerSideEncryptionRule[] | null> {
      const { GetBucketEncryptionCommand, S3Client } = await s3Sdk();
      return orNull(async () => {
        const out = await ctx.client(S3Client).send(new GetBucketEncryptionCommand({ Bucket: bucket }));
        const config = required(out.ServerSideEncryptionConfiguration, 'ServerSideEncryptionConfiguration', 's3:GetEncryptionConfiguration');
        return requiredList(config.Rules, 'Rules', 's3:GetEncryptionConfiguration');
      }, ['ServerSideEncryptionConfigurationNotFoundError']);
    },
  }),

  /** Server access logging target; null when logging is off (S3 then answers an empty status, which a truncated answer resembles). */
  bucketLogging: defineAccessor({
    actions: ['s3:GetBucketLogging'],
    async fetch(ctx, bucket: string): Promise<LoggingEnabled | null> {
      const { GetBucketLoggingCommand, S3Client } = await s3Sdk();
      const out = await ctx.client(S3Client).send(new GetBucketLoggingCommand({ Bucket: bucket }));
      return out.LoggingEnabled ?? null;
    },
  }),
};
