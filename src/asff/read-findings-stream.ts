/**
 * Reads a findings file into a FindingSpool (src/io/finding-spool.ts) without
 * holding it whole, for `hubcheck merge`: the findings.asff.json of a
 * 250-account shard is ~425 MB, of a 1,000-account run ~1.7 GB, over the
 * findings cap and over V8's longest string.
 *
 * The streamed layout is the one hubcheck writes (src/io/findings-json.ts):
 *
 *     [
 *     {…one finding…},
 *     {…one finding…}
 *     ]
 *
 * Layout detection, decided line by line (each line trimmed of JSON
 * whitespace, so CRLF or indentation does not matter):
 *
 * - the first line is exactly `[`, and the second line is one JSON object
 *   (starts with `{`, ends with `}` or `},`, and parses as an object): the
 *   file is read a line at a time;
 * - every following line is one object, `,`-terminated while another finding
 *   follows; then a line `]`; then only blank lines to the end;
 * - anything else (one line of JSON, a pretty-printed array whose second line
 *   is `  {`, a byte order mark, `[]`, a single object, OCSF written by another
 *   tool, a non-JSON file) is not the streamed layout, and the file is read
 *   whole as before (src/asff/read-findings.ts, with its cap and its errors);
 * - a file that starts in the streamed layout and leaves it further on (a line
 *   that is not one object, a missing `,` or `]`, the end of the file before
 *   `]`) is read whole too when it is within the findings cap, so a
 *   hand-edited file still merges and a broken one gets the whole-file
 *   parser's error; over the cap, the error names that line.
 *
 * Caps: the streamed layout has no total cap (it is never held whole);
 * HUBCHECK_MAX_FINDINGS_BYTES bounds each line, i.e. one finding (Security Hub
 * takes findings of up to 240 KB; the default cap is 256 MiB). A file read
 * whole keeps the whole-file cap. Nesting is bounded per line as it is per
 * file, and OCSF Compliance Findings are read back as ASFF, as for a whole file.
 *
 * Validation: the findings are checked by the ASFF validator 1,000 at a time,
 * before any is spooled; the first problem is one UsageError line naming the
 * file and the line of the finding (exit 2).
 */
import { stat } from 'node:fs/promises';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { UsageError } from '../errors.js';
import { FindingSpool } from '../io/finding-spool.js';
import { jsonDepthOver, MAX_DEPTH, maxBytes, readInputLines } from '../io/read-input.js';
import { fromOcsfRecords, readFindingsFile } from './read-findings.js';
import { validateFindings } from './validate.js';

/** How many findings are validated and spooled together. */
export const BATCH = 1000;

export interface SpooledFindings {
  /** The file's findings, in file order; release it when done. */
  readonly spool: FindingSpool;
  /** How the file was read. */
  readonly layout: 'streamed' | 'whole';
}

/** The file does not have the streamed layout (from the line it left it on, or from the start). */
class NotStreamed {
  constructor(readonly line: number | undefined, readonly why: string) {}
}

/** One finding per line: the object, or undefined when the line is not one JSON object. */
function objectOf(text: string, file: string, line: number): { value: object; comma: boolean } | undefined {
  const comma = text.endsWith(',');
  const json = comma ? text.slice(0, -1).trimEnd() : text;
  if (!json.startsWith('{') || !json.endsWith('}')) return undefined;
  // Inside the array, one level is already used.
  const depth = jsonDepthOver(json, MAX_DEPTH.findings - 1);
  if (depth !== undefined) throw new UsageError(`${file}: line ${line}: nested deeper than ${MAX_DEPTH.findings} levels; not a findings file`);
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? { value, comma } : undefined;
  } catch {
    return undefined;
  }
}

/** Validates one batch; the first problem is one error line naming the finding's line. */
function checkBatch(batch: unknown[], lines: number[], file: string): AwsSecurityFinding[] {
  const converted = fromOcsfRecords(batch) as unknown[];
  const { issues } = validateFindings(converted);
  if (issues.length > 0) {
    const first = issues[0]!;
    const index = Number(/^\$\[(\d+)\]/.exec(first.path)?.[1] ?? 0);
    const at = first.path.replace(/^\$\[\d+\]/, '$');
    const more = issues.length > 1 ? ` (and more problems; hubcheck validate lists them)` : '';
    throw new UsageError(`${file}: line ${lines[index] ?? '?'}: not a valid ASFF finding: ${at}: ${first.message}${more}`);
  }
  return converted as AwsSecurityFinding[];
}

/** Streams a file of the hubcheck layout into `spool`; NotStreamed when it is not (or stops being) that layout. */
async function stream(file: string, spool: FindingSpool): Promise<NotStreamed | undefined> {
  let state: 'open' | 'first' | 'next' | 'last' | 'closed' = 'open';
  let batch: unknown[] = [];
  let lines: number[] = [];
  let chunks = 0;
  const flush = () => {
    if (batch.length === 0) return;
    spool.add(String(chunks++).padStart(10, '0'), checkBatch(batch, lines, file));
    batch = [];
    lines = [];
  };
  for await (const { number, text: raw } of readInputLines(file, 'findings')) {
    const text = raw.trim();
    if (state === 'open') {
      if (text !== '[') return new NotStreamed(undefined, 'the first line is not [');
      state = 'first';
      continue;
    }
    if (state === 'closed') {
      if (text !== '') return new NotStreamed(number, 'text after the closing ]');
      continue;
    }
    if (state === 'last') {
      if (text !== ']') return new NotStreamed(number, 'not the closing ] after the last finding');
      state = 'closed';
      continue;
    }
    const object = objectOf(text, file, number);
    if (!object) return new NotStreamed(state === 'first' ? undefined : number, 'not one finding on one line');
    batch.push(object.value);
    lines.push(number);
    state = object.comma ? 'next' : 'last';
    if (batch.length >= BATCH) flush();
  }
  if (state !== 'closed') return new NotStreamed(state === 'open' || state === 'first' ? undefined : -1, 'the file ends before the closing ]');
  flush();
  return undefined;
}

/**
 * Reads a findings file into a new spool: a line at a time in the layout
 * hubcheck writes, else whole (see the header). Every finding is validated
 * first; a problem is a UsageError. The caller releases the spool.
 */
export async function spoolFindingsFile(file: string): Promise<SpooledFindings> {
  const spool = FindingSpool.create();
  try {
    const outcome = await stream(file, spool);
    if (!outcome) return { spool, layout: 'streamed' };
    spool.release();
    if (outcome.line !== undefined) {
      // It started as the streamed layout: read whole only when that is within the cap, else name the line.
      const cap = maxBytes('findings');
      const size = (await stat(file)).size;
      if (size > cap) {
        const where = outcome.line < 0 ? 'at its end' : `line ${outcome.line}`;
        throw new UsageError(`${file}: ${where}: ${outcome.why} (hubcheck reads its own layout, one finding per line, at any size; another layout is read whole, up to ${cap} bytes: set HUBCHECK_MAX_FINDINGS_BYTES to change it)`);
      }
    }
    const { parsed, findings } = await readFindingsFile(file);
    if (!Array.isArray(parsed)) throw new UsageError(`${file}: not a JSON array of findings`);
    const whole = FindingSpool.create();
    try {
      for (let i = 0; i < findings.length; i += BATCH) whole.add(String(i / BATCH).padStart(10, '0'), findings.slice(i, i + BATCH));
    } catch (error) {
      whole.release();
      throw error;
    }
    return { spool: whole, layout: 'whole' };
  } catch (error) {
    spool.release();
    throw error;
  }
}
