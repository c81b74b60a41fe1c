/**
 * CIS v7.0.0 2.21: resource policies that allow everyone (`"Principal": "*"`,
 * `{"AWS": "*"}`) with no condition that narrows who can use the grant. One
 * definition of "open" and "restricting condition" for every resource type
 * (S3 bucket policies, SNS topic policies, KMS key policies).
 *
 * Works on the normalized documents of src/data/policy-document.ts. A statement
 * is open when all of these hold:
 *
 * - Effect `Allow` (Deny statements only take access away and are ignored);
 * - Principal `"*"` or a map whose `AWS` list contains `"*"`, or a `NotPrincipal`
 *   (Allow with NotPrincipal grants to everyone but the listed principals);
 * - no restricting condition (below).
 *
 * A restricting condition is one operator/key pair in the statement where:
 *
 * - the key (case-insensitive) names the caller's account, organization,
 *   network or the calling resource: see RESTRICTING_KEYS;
 * - the operator matches values positively (`StringEquals`, `StringLike`,
 *   `ArnEquals`, `ArnLike`, `IpAddress`, their IgnoreCase forms, optionally
 *   prefixed `ForAnyValue:`). Negated operators (`StringNotEquals`...) and
 *   `...IfExists` forms do not restrict: a request without the key, or with any
 *   other value, still matches. `ForAllValues:` matches a request without the
 *   key, so it does not restrict either;
 * - no value is a bare wildcard (`*`, `arn:*`...) and no `aws:SourceIp` value is
 *   the whole address space (`0.0.0.0/0`, `::/0`).
 *
 * `kms:ViaService` alone is not restricting: any principal of any account can
 * call through the named service. Keys outside the list (`aws:SecureTransport`,
 * `s3:x-amz-acl`...) say how a request is made, not who makes it.
 */
import type { PolicyDocument, PolicyStatement } from '../../src/data/policy-document.js';
import { fail, pass, type ReasonCodes, type ResourceRef, type RuleResult } from '../../src/engine/rule.js';

/** Condition keys that narrow a grant to an account, an organization, a network or a calling resource (lower case). */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'kms:calleraccount',
];

const POSITIVE_OPERATORS = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
  'ipaddress',
]);

const OPEN_VALUES = new Set(['*', 'arn:*', '0.0.0.0/0', '::/0']);

function grantsEveryone(s: PolicyStatement): boolean {
  if (s.NotPrincipal !== undefined) return true;
  if (s.Principal === undefined) return false;
  return s.Principal === '*' || (s.Principal.AWS ?? []).includes('*');
}

function restrictingOperator(operator: string): boolean {
  const bare = operator.toLowerCase().replace(/^foranyvalue:/, '');
  return POSITIVE_OPERATORS.has(bare);
}

/** The `operator:key` pairs of a statement that restrict who can use it. */
export function restrictingConditions(s: PolicyStatement): string[] {
  return Object.entries(s.Condition).flatMap(([operator, keys]) =>
    restrictingOperator(operator)
      ? Object.entries(keys)
          .filter(([key, values]) => RESTRICTING_KEYS.includes(key.toLowerCase()) && values.length > 0 && !values.some((v) => OPEN_VALUES.has(v.trim())))
          .map(([key]) => `${operator}:${key}`)
      : [],
  );
}

/** Allow statements granting everyone, with no restricting condition. */
export function openStatements(document: PolicyDocument): PolicyStatement[] {
  return document.Statement.filter((s) => s.Effect === 'Allow' && grantsEveryone(s) && restrictingConditions(s).length === 0);
}

/** Allow statements granting everyone that a condition restricts. */
export function restrictedPublicStatements(document: PolicyDocument): PolicyStatement[] {
  return document.Statement.filter((s) => s.Effect === 'Allow' && grantsEveryone(s) && restrictingConditions(s).length > 0);
}

export const PUBLIC_PRINCIPAL_REASON_CODES = {
  NO_PUBLIC_PRINCIPAL: 'No Allow statement of the policy grants access to every principal.',
  PUBLIC_PRINCIPAL_RESTRICTED: 'Every Allow statement granting access to every principal has a restricting condition.',
  PUBLIC_PRINCIPAL_OPEN: 'An Allow statement grants access to every principal with no restricting condition.',
  UNPARSEABLE_POLICY: 'NOT_AVAILABLE: the policy text is not a policy document, so it cannot be judged.',
} as const satisfies ReasonCodes;

/** Statement names for the reason: the Sid, or the statement's position in the policy. */
const sids = (document: PolicyDocument, statements: PolicyStatement[]) =>
  statements.map((s) => s.Sid ?? `#${document.Statement.indexOf(s) + 1}`).join(', ');

/**
 * Judges one resource's policy. `label` names it in the reason ("Bucket b",
 * "SNS topic t"); `document` is null when the text could not be parsed.
 */
export function judgeResourcePolicy(resource: ResourceRef, label: string, document: PolicyDocument | null): RuleResult {
  if (document === null) {
    return {
      status: 'NOT_AVAILABLE',
      resource,
      reason: `The policy of ${label} could not be parsed, so it cannot be judged.`,
      reasonCode: 'UNPARSEABLE_POLICY',
      evidence: { policy: 'unparseable' },
    };
  }
  const open = openStatements(document);
  const restricted = restrictedPublicStatements(document);
  const evidence = { openStatements: open.length, restrictedPublicStatements: restricted.length };
  if (open.length > 0) {
    return fail(
      resource,
      `The policy of ${label} allows every principal with no restricting condition (statements ${sids(document, open)}). CIS v7.0.0 2.21 is a Manual recommendation: confirm the access is intended.`,
      { reasonCode: 'PUBLIC_PRINCIPAL_OPEN', evidence: { ...evidence, openSids: sids(document, open) } },
    );
  }
  if (restricted.length > 0) {
    return pass(resource, `The policy of ${label} allows every principal only under a restricting condition.`, {
      reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED',
      evidence,
    });
  }
  return pass(resource, `The policy of ${label} grants nothing to every principal.`, { reasonCode: 'NO_PUBLIC_PRINCIPAL', evidence });
}
