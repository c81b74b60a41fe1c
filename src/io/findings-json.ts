/**
 * A findings file as JSON: an array that BatchImportFindings accepts as it is,
 * one finding per line (readable, diffable), produced in pieces of about 1 MiB
 * so a large file is written without building it in memory. The findings are
 * read once; a source that holds them as JSON lines already (the findings
 * spool) gives those lines, so no finding is parsed and serialized again.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { batched } from './batched.js';

/** Findings held as the JSON text of each (src/io/finding-spool.ts). */
export interface JsonLineSource {
  jsonLines(): Iterable<string>;
}

const CHUNK = 1 << 20;

export function findingsJsonChunks(findings: Iterable<AwsSecurityFinding> | (Iterable<AwsSecurityFinding> & JsonLineSource)): Generator<string> {
  return batched(arrayPieces('jsonLines' in findings ? findings.jsonLines() : stringified(findings)), CHUNK);
}

/** A JSON array of the given elements' texts, one per line. */
function* arrayPieces(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    yield first ? `[\n${line}` : `,\n${line}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

function* stringified(findings: Iterable<AwsSecurityFinding>): Generator<string> {
  for (const finding of findings) yield JSON.stringify(finding);
}
