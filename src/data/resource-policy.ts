/**
 * A resource policy as a service returns it (SQS queue, Lambda function, ECR
 * repository, Secrets Manager secret): the text, or null when the resource has
 * none, and the parsed document, or null when the text is not a policy.
 */
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';

export interface ResourcePolicy {
  /** The policy text; null when the resource has no resource policy. */
  text: string | null;
  /** The parsed policy; null when there is none or it is not a policy document. */
  document: PolicyDocument | null;
}

export function resourcePolicy(text: string | null | undefined): ResourcePolicy {
  const t = text === undefined || text === null || text === '' ? null : text;
  return { text: t, document: t === null ? null : parsePolicyDocument(t) };
}

/** A resource listed by name and ARN. */
export interface NamedResource {
  name: string;
  arn: string;
}
