/**
 * Answers are checked before they are believed. An SDK call that gets an empty,
 * truncated or garbled HTTP 200 usually returns an object whose fields are
 * simply missing; read with `?? []` that becomes "no buckets", "no trails", a
 * PASSED. Each accessor instead asks for the fields it uses through these
 * helpers, and a missing or mistyped one throws MalformedResponse, which the
 * data layer reports as DataUnavailable (reason `malformed-response`, naming
 * the IAM action): the rules that needed it are NOT_AVAILABLE.
 *
 * AWS always sends the list element of a List/Describe answer, empty or not
 * (the SDK turns an empty XML element into []), so an absent list is a broken
 * answer. Where AWS legitimately answers an empty body (GetBucketVersioning of
 * a bucket never versioned, GetBucketLogging with logging off,
 * GetBucketLocation in us-east-1), an empty answer cannot be told from a
 * truncated one; those accessors say so where they read it.
 */

export class MalformedResponse extends Error {
  override readonly name = 'MalformedResponse';
  constructor(
    /** IAM action of the read, e.g. `s3:ListAllMyBuckets`. */
    readonly action: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** A field that must be present (not undefined or null). */
export function required<T>(value: T | undefined | null, field: string, action: string): T {
  if (value === undefined || value === null) throw new MalformedResponse(action, `the answer has no ${field}`);
  return value;
}

/** A list field that must be present and be an array (it may be empty). */
export function requiredList<T>(value: T[] | undefined | null, field: string, action: string): T[] {
  if (!Array.isArray(value)) throw new MalformedResponse(action, `the answer has no ${field} list`);
  return value;
}

/** A field that must be a boolean. */
export function requiredBoolean(value: boolean | undefined | null, field: string, action: string): boolean {
  if (typeof value !== 'boolean') throw new MalformedResponse(action, `the answer has no true/false ${field}`);
  return value;
}

/** A field that must be a non-empty string. */
export function requiredString(value: string | undefined | null, field: string, action: string): string {
  if (typeof value !== 'string' || value === '') throw new MalformedResponse(action, `the answer has no ${field}`);
  return value;
}

/** A parse result that must not be null: the text was there but is not what it claims to be. */
export function parsed<T>(value: T | null, what: string, action: string): T {
  if (value === null) throw new MalformedResponse(action, `${what} does not parse`);
  return value;
}
