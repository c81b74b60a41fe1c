import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, type PolicyDocument } from '../../../src/data/policy-document.js';
import { openStatements, restrictedPublicStatements } from '../../../rules/lib/public-principal.js';

const doc = (...statements: object[]): PolicyDocument => parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }))!;
const allow = (extra: object = {}) => ({ Sid: 'S', Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*', ...extra });
const verdict = (d: PolicyDocument) => (openStatements(d).length > 0 ? 'open' : restrictedPublicStatements(d).length > 0 ? 'restricted' : 'none');

describe('public-principal evaluator', () => {
  it.each([
    ['Principal "*"', allow(), 'open'],
    ['{"AWS": "*"}', allow({ Principal: { AWS: '*' } }), 'open'],
    ['{"AWS": ["arn", "*"]}', allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }), 'open'],
    ['Allow with NotPrincipal', { ...allow(), Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }, 'open'],
    ['one account', allow({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }), 'none'],
    ['a service principal', allow({ Principal: { Service: 'events.amazonaws.com' } }), 'none'],
    ['Deny "*" is ignored', allow({ Effect: 'Deny' }), 'none'],
    ['aws:SourceAccount', allow({ Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }), 'restricted'],
    ['aws:sourcearn, lower case, ArnLike', allow({ Condition: { ArnLike: { 'aws:sourcearn': 'arn:aws:s3:::b' } } }), 'restricted'],
    ['aws:PrincipalOrgID', allow({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }), 'restricted'],
    ['aws:SourceVpce', allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }), 'restricted'],
    ['aws:SourceIp range', allow({ Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }), 'restricted'],
    ['kms:CallerAccount', allow({ Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } }), 'restricted'],
    ['ForAnyValue:StringLike on org paths', allow({ Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a/r-b/*' } } }), 'restricted'],
    ['aws:SourceIp 0.0.0.0/0 is not a restriction', allow({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }), 'open'],
    ['a "*" value is not a restriction', allow({ Condition: { StringLike: { 'aws:SourceArn': '*' } } }), 'open'],
    ['StringNotEquals is not a restriction', allow({ Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } }), 'open'],
    ['IfExists is not a restriction', allow({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } } }), 'open'],
    ['ForAllValues is not a restriction', allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } } }), 'open'],
    ['kms:ViaService alone is not a restriction', allow({ Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }), 'open'],
    ['aws:SecureTransport is not a restriction', allow({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), 'open'],
  ])('%s: %s', (_name, statement, expected) => {
    expect(verdict(doc(statement))).toBe(expected);
  });

  it('one open statement among restricted ones makes the policy open', () => {
    const d = doc(allow({ Sid: 'A', Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }), allow({ Sid: 'B' }));
    expect(openStatements(d).map((s) => s.Sid)).toEqual(['B']);
    expect(restrictedPublicStatements(d).map((s) => s.Sid)).toEqual(['A']);
  });
});
