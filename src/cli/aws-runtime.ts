/**
 * What the Security Hub commands need from the AWS SDK, in one module they
 * import when they act: `hubcheck --help`, `rules` or `validate` never load
 * the SDK (about a second and 100 MB).
 */
export { CreateActionTargetCommand, CreateInsightCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
export { resolveHomeRegion } from '../data/aws-session.js';
export { DRY_RUN_IDENTITY, fillFromIdentity, needsIdentity, sendImport, validateImport } from '../securityhub/import.js';
export { errorCode, errorMessage, isRetryableError, retryPolicyFor, withRetry } from '../securityhub/retry.js';
export { callLimits } from '../data/deadlines.js';
export { callerIdentity, securityHubPool } from '../securityhub/scan-push.js';
export { pullFindings } from '../securityhub/pull.js';
