/**
 * IAM policy documents (bucket policies, customer-managed policies, trust
 * policies) parsed into one normalized shape: every field that AWS allows as
 * "a value or a list" becomes a list, so rules never branch on it.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  /** '*' for `"Principal": "*"`; otherwise principal type -> identifiers. */
  Principal?: '*' | Record<string, string[]>;
  NotPrincipal?: '*' | Record<string, string[]>;
  Action: string[];
  NotAction: string[];
  Resource: string[];
  NotResource: string[];
  /** operator -> condition key -> values (always strings, as IAM compares them). */
  Condition: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

const list = (value: unknown): string[] =>
  value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map((v) => String(v));

function principal(value: unknown): PolicyStatement['Principal'] {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, list(v)]));
  }
  return { AWS: list(value) };
}

/**
 * Parses a policy document from its JSON text. IAM returns policy versions
 * URL-encoded; pass `urlEncoded` for those. Returns null when the text is not
 * a policy document.
 */
export function parsePolicyDocument(text: string, urlEncoded = false): PolicyDocument | null {
  let raw: unknown;
  try {
    raw = JSON.parse(urlEncoded ? decodeURIComponent(text) : text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const doc = raw as { Version?: unknown; Statement?: unknown };
  const statements = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return {
    ...(typeof doc.Version === 'string' ? { Version: doc.Version } : {}),
    Statement: statements
      .filter((s): s is Record<string, unknown> => Boolean(s) && typeof s === 'object')
      .map((s) => ({
        ...(typeof s.Sid === 'string' ? { Sid: s.Sid } : {}),
        Effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
        ...(s.Principal !== undefined ? { Principal: principal(s.Principal) } : {}),
        ...(s.NotPrincipal !== undefined ? { NotPrincipal: principal(s.NotPrincipal) } : {}),
        Action: list(s.Action),
        NotAction: list(s.NotAction),
        Resource: list(s.Resource),
        NotResource: list(s.NotResource),
        Condition: Object.fromEntries(
          Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).map(([op, keys]) => [
            op,
            Object.fromEntries(Object.entries(keys ?? {}).map(([k, v]) => [k, list(v)])),
          ]),
        ),
      })),
  };
}
