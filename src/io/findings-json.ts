/**
 * A findings file as JSON: an array that BatchImportFindings accepts as it is,
 * one finding per line (readable, diffable), produced in pieces of about 1 MiB
 * so a large file is written without building it in memory. The findings are
 * read once; a source that holds them as JSON lines already (the findings
 * spool) gives those lines, so no finding is parsed and serialized again.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

/** Findings held as the JSON text of each (src/io/finding-spool.ts). */
export interface JsonLineSource {
  jsonLines(): Iterable<string>;
}

const CHUNK = 1 << 20;

export function* findingsJsonChunks(findings: Iterable<AwsSecurityFinding> | (Iterable<AwsSecurityFinding> & JsonLineSource)): Generator<string> {
  let chunk = '';
  let first = true;
  for (const line of 'jsonLines' in findings ? findings.jsonLines() : stringified(findings)) {
    chunk += first ? `[\n${line}` : `,\n${line}`;
    first = false;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  yield first ? '[]\n' : `${chunk}\n]\n`;
}

function* stringified(findings: Iterable<AwsSecurityFinding>): Generator<string> {
  for (const finding of findings) yield JSON.stringify(finding);
}
