/**
 * A findings file as JSON: an array that BatchImportFindings accepts as it is,
 * one finding per line (readable, diffable), produced in pieces so a large file
 * is written without building it in memory. The findings are read once.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

export function* findingsJsonChunks(findings: Iterable<AwsSecurityFinding>): Generator<string> {
  let previous: string | undefined;
  for (const finding of findings) {
    yield previous === undefined ? '[\n' : `${previous},\n`;
    previous = JSON.stringify(finding);
  }
  yield previous === undefined ? '[]\n' : `${previous}\n]\n`;
}
