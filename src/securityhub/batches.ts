/**
 * BatchImportFindings request sizing: at most 100 findings and at most 6 MB of
 * request body per call (spec section 3.1). 100 findings of 240 KB would be
 * 24 MB, so batches are cut by count and by bytes, whichever comes first.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { LIMITS } from '../asff/limits.js';

export interface BatchLimits {
  maxFindings: number;
  maxBytes: number;
}

export const BATCH_LIMITS: BatchLimits = { maxFindings: LIMITS.batchFindings, maxBytes: LIMITS.batchBytes };

/** `{"Findings":[` + `]}`: the request body around the findings. */
const ENVELOPE_BYTES = Buffer.byteLength('{"Findings":[]}', 'utf8');

export function findingBytes(finding: AwsSecurityFinding): number {
  return Buffer.byteLength(JSON.stringify(finding), 'utf8');
}

/** The request body size of a batch, as the SDK serialises it. */
export function requestBytes(findings: readonly AwsSecurityFinding[]): number {
  return ENVELOPE_BYTES + findings.reduce((sum, f) => sum + findingBytes(f), 0) + Math.max(0, findings.length - 1);
}

/** Splits findings into batches, keeping their order. */
export function toBatches(findings: readonly AwsSecurityFinding[], limits: BatchLimits = BATCH_LIMITS): AwsSecurityFinding[][] {
  const batches: AwsSecurityFinding[][] = [];
  let current: AwsSecurityFinding[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const finding of findings) {
    const size = findingBytes(finding);
    const added = size + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length >= limits.maxFindings || bytes + added > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    bytes += size + (current.length > 0 ? 1 : 0);
    current.push(finding);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
