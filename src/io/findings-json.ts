/**
 * A findings file as JSON: an array that BatchImportFindings accepts as it is,
 * one finding per line (readable, diffable), produced in pieces so a large file
 * is written without building it in memory.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

export function* findingsJsonChunks(findings: readonly AwsSecurityFinding[]): Generator<string> {
  if (findings.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let i = 0; i < findings.length; i++) yield `${JSON.stringify(findings[i])}${i < findings.length - 1 ? ',\n' : '\n'}`;
  yield ']\n';
}
