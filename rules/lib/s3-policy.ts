/**
 * Bucket-policy statement matchers for S3.5 (TLS-only access) and the retired
 * S3.4 logic (deny unencrypted uploads). They work on the normalized policy of
 * src/data/policy-document.ts, where every "value or list" field is a list and
 * every condition value a string (so `false` and `"false"` look the same).
 *
 * A statement counts only if it denies the request to everyone, for every
 * request the check is about, with no further condition that narrows it:
 *
 * - Effect `Deny`;
 * - Principal `"*"`, or a principal map whose `AWS` list contains `"*"`
 *   (`{"AWS": "*"}`, `{"AWS": ["*"]}`); no `NotPrincipal`;
 * - Action (case-insensitive) containing `s3:*` or `*` (S3.4 also accepts
 *   `s3:PutObject` and `s3:Put*`); no `NotAction`;
 * - Resource containing the bucket ARN `arn:<partition>:s3:::<bucket>` or
 *   `arn:<partition>:s3:::<bucket>/*` (S3.4: the `/*` form, since it is about
 *   objects); no `NotResource`. `*` and other wildcard patterns are not accepted;
 * - Condition: exactly one operator with exactly one key (key names are
 *   case-insensitive, as in IAM). For S3.5: `Bool` with `aws:SecureTransport`
 *   and a value `false` (any case; string or boolean, alone or in a list). For
 *   S3.4: `StringNotEquals` on `s3:x-amz-server-side-encryption` with values
 *   among `AES256`, `aws:kms`, `aws:kms:dsse`, or `Null` on it with `true`.
 */
import type { PolicyDocument, PolicyStatement } from '../../src/data/policy-document.js';

export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

function everyone(s: PolicyStatement): boolean {
  if (s.NotPrincipal !== undefined || s.Principal === undefined) return false;
  return s.Principal === '*' || (s.Principal.AWS ?? []).includes('*');
}

function actionAmong(s: PolicyStatement, accepted: readonly string[]): boolean {
  return s.NotAction.length === 0 && s.Action.some((a) => accepted.includes(a.toLowerCase()));
}

function resourceAmong(s: PolicyStatement, accepted: readonly string[]): boolean {
  return s.NotResource.length === 0 && s.Resource.some((r) => accepted.includes(r));
}

/** The single (operator, key, values) of a statement's condition; null when it has none or several. */
function singleCondition(s: PolicyStatement): { operator: string; key: string; values: string[] } | null {
  const [operator, ...moreOperators] = Object.entries(s.Condition);
  if (!operator || moreOperators.length > 0) return null;
  const [key, ...moreKeys] = Object.entries(operator[1]);
  if (!key || moreKeys.length > 0) return null;
  return { operator: operator[0], key: key[0].toLowerCase(), values: key[1] };
}

/** The statement that denies every non-TLS request to the bucket (S3.5), if the policy has one. */
export function findSecureTransportDeny(policy: PolicyDocument, bucket: string, partition: string): PolicyStatement | undefined {
  const arn = bucketArn(partition, bucket);
  return policy.Statement.find((s) => {
    if (s.Effect !== 'Deny' || !everyone(s) || !actionAmong(s, ['s3:*', '*']) || !resourceAmong(s, [arn, `${arn}/*`])) return false;
    const condition = singleCondition(s);
    return (
      condition !== null &&
      condition.operator === 'Bool' &&
      condition.key === 'aws:securetransport' &&
      condition.values.some((v) => v.toLowerCase() === 'false')
    );
  });
}

/** Does the policy deny old TLS versions (`s3:TlsVersion` with a Numeric operator)? The form CIS v5 also allows. */
export function hasTlsVersionDeny(policy: PolicyDocument): boolean {
  return policy.Statement.some(
    (s) =>
      s.Effect === 'Deny' &&
      Object.entries(s.Condition).some(
        ([operator, keys]) => operator.startsWith('Numeric') && Object.keys(keys).some((k) => k.toLowerCase() === 's3:tlsversion'),
      ),
  );
}

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** The statement that denies uploads without server-side encryption (the retired S3.4 logic), if any. */
export function findUnencryptedPutDeny(policy: PolicyDocument, bucket: string, partition: string): PolicyStatement | undefined {
  const arn = bucketArn(partition, bucket);
  return policy.Statement.find((s) => {
    if (s.Effect !== 'Deny' || !everyone(s) || !actionAmong(s, ['s3:putobject', 's3:put*', 's3:*', '*']) || !resourceAmong(s, [`${arn}/*`])) {
      return false;
    }
    const condition = singleCondition(s);
    if (condition === null || condition.key !== 's3:x-amz-server-side-encryption') return false;
    if (condition.operator === 'StringNotEquals') {
      return condition.values.length > 0 && condition.values.every((v) => SSE_ALGORITHMS.includes(v));
    }
    return condition.operator === 'Null' && condition.values.some((v) => v.toLowerCase() === 'true');
  });
}
