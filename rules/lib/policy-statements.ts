/** Statement-level tests on parsed IAM policy documents. */
import type { PolicyDocument, PolicyStatement } from '../../src/data/policy-document.js';

/** `Effect: Allow`, `Action: "*"` (alone or in a list) and `Resource: "*"` (alone or in a list): full administrative access. */
export function isFullAdminStatement(statement: PolicyStatement): boolean {
  return statement.Effect === 'Allow' && statement.Action.includes('*') && statement.Resource.includes('*');
}

/** The statements of a document that grant `*` on `*`. */
export function fullAdminStatements(document: PolicyDocument): PolicyStatement[] {
  return document.Statement.filter(isFullAdminStatement);
}
