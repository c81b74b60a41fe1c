import { describe, expect, it } from 'vitest';
import { validateFindings } from '../../src/asff/validate.js';
import { UsageError } from '../../src/errors.js';
import { applySuppressions, globToRegExp, parseExpiry, parseSuppressions } from '../../src/suppressions/suppressions.js';
import { finding } from '../helpers/findings.js';

const NOW = new Date('2026-11-27T12:00:00Z');

const FILE = `# accepted risks
suppressions:
  - rule: IAM.5
    account: "123456789012"
    resource: ["arn:aws:iam::*:user/break-glass-*", "svc-*"]
    reason: Break-glass users; MFA devices in the safe
    owner: security@example.com
    expires: 2027-01-31
  - rule: ec2-default-sg-closed
    region: eu-*
    reason: Legacy VPC
    owner: netops
    expires: 2026-11-26
`;

describe('parseSuppressions', () => {
  it('reads entries with defaults, lists and the line they start on', () => {
    const [first, second] = parseSuppressions(FILE, 'sup.yaml');
    expect(first).toMatchObject({
      rule: ['IAM.5'],
      account: ['123456789012'],
      region: ['*'],
      resource: ['arn:aws:iam::*:user/break-glass-*', 'svc-*'],
      owner: 'security@example.com',
      expires: '2027-01-31',
      source: 'sup.yaml:3',
    });
    expect(first!.expiresAt.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(second).toMatchObject({ rule: ['ec2-default-sg-closed'], region: ['eu-*'], resource: ['*'], source: 'sup.yaml:9' });
  });

  it.each([
    ['suppressions:\n  - rule: IAM.5\n    reason: x\n    owner: y\n', /^sup\.yaml:2: suppression 1: missing "expires"$/],
    ['suppressions:\n  - rule: IAM.5\n    reason: x\n    owner: y\n    expires: next week\n', /^sup\.yaml:5: suppression 1: expires must be a date like 2027-01-31/],
    ['suppressions:\n  - rule: IAM.5\n    reason: x\n    owner: y\n    expires: 2027-02-30\n', /^sup\.yaml:5: .*got "2027-02-30"/],
    ['suppressions:\n  - rule: IAM.5\n    reasn: x\n', /^sup\.yaml:3: suppression 1: unknown key "reasn"/],
    ['suppressions:\n  - rule: IAM.5\n    account: 012345678901\n    reason: x\n    owner: y\n    expires: 2027-01-01\n', /^sup\.yaml:3: .*account must be a quoted string/],
    ['suppressions:\n  - rule: []\n    reason: x\n    owner: y\n    expires: 2027-01-01\n', /^sup\.yaml:2: .*"rule" must be a pattern or a non-empty list/],
    ['suppressions:\n  - rule: IAM.5\n    reason: ""\n    owner: y\n    expires: 2027-01-01\n', /^sup\.yaml:3: .*"reason" must be a non-empty string/],
    ['suppressions: {rule: IAM.5}\n', /^sup\.yaml:1: "suppressions" must be a list of entries$/],
    ['rules:\n  - IAM.5\n', /^sup\.yaml:1: unknown key "rules"; expected "suppressions"$/],
    ['suppressions:\n  - rule: IAM.5\n   reason: [unclosed\n', /^sup\.yaml:\d+: not valid YAML: /],
    ['- just a list\n', /^sup\.yaml:1: expected a mapping with a "suppressions" list$/],
    ['suppressions:\n  - rule: IAM.5\n    reason: x\n    owner: y\n    expires: 2027-01-01\n    override-workflow: yes please\n', /^sup\.yaml:6: .*override-workflow must be true or false$/],
  ])('rejects a malformed file in one line: %j', (text, message) => {
    let error: unknown;
    try {
      parseSuppressions(text, 'sup.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads override-workflow, which reaches the finding as a ProductField only when true', () => {
    const text = (value: string) => `suppressions:\n  - rule: "*"\n    reason: x\n    owner: y\n    expires: 2027-01-01\n    override-workflow: ${value}\n`;
    expect(parseSuppressions(text('true'), 's.yaml')[0]?.overrideWorkflow).toBe(true);
    expect(parseSuppressions(text('false'), 's.yaml')[0]?.overrideWorkflow).toBeUndefined();
    const f = finding();
    const marked = applySuppressions([f], parseSuppressions(text('true'), 's.yaml'), NOW).findings[0];
    expect(marked?.ProductFields?.['hubcheck/Suppression/OverrideWorkflow']).toBe('true');
    const plain = applySuppressions([f], parseSuppressions(text('false'), 's.yaml'), NOW).findings[0];
    expect(plain?.Workflow?.Status).toBe('SUPPRESSED');
    expect(plain?.ProductFields?.['hubcheck/Suppression/OverrideWorkflow']).toBeUndefined();
  });

  it('accepts an empty file', () => {
    expect(parseSuppressions('', 'x.yaml')).toEqual([]);
    expect(parseSuppressions('suppressions:\n', 'x.yaml')).toEqual([]);
  });
});

describe('globs and expiry', () => {
  it('matches * across any characters and everything else literally', () => {
    expect(globToRegExp('arn:aws:iam::*:user/ci-*').test('arn:aws:iam::123:user/ci-deploy')).toBe(true);
    expect(globToRegExp('IAM.5').test('IAMX5')).toBe(false);
    expect(globToRegExp('sg-(1)').test('sg-(1)')).toBe(true);
    expect(globToRegExp('us-*').test('eu-west-1')).toBe(false);
  });

  it('lets a date apply through that day (UTC) and accepts a date-time', () => {
    expect(parseExpiry('2026-11-27')?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(parseExpiry('2026-11-27T10:00:00Z')?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(parseExpiry('27/11/2026')).toBeUndefined();
  });
});

describe('applySuppressions', () => {
  const entries = parseSuppressions(FILE, 'sup.yaml');
  const bob = finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', severity: 'MEDIUM', resource: 'arn:aws:iam::123456789012:user/break-glass-1', name: 'break-glass-1' });
  const svc = finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', resource: 'arn:aws:iam::123456789012:user/x', name: 'svc-reports' });
  const other = finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', resource: 'arn:aws:iam::123456789012:user/carol', name: 'carol' });
  const otherAccount = finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', account: '999999999999', resource: 'arn:aws:iam::999999999999:user/break-glass-1' });
  const passed = finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', status: 'PASSED', resource: 'arn:aws:iam::123456789012:user/break-glass-2' });
  const euSg = finding({ region: 'eu-west-1', resource: 'sg-eu' });

  it('marks matching findings SUPPRESSED with the note, by ARN or name, and leaves their status alone', () => {
    const { findings, suppressed, expired } = applySuppressions([bob, svc, other, otherAccount, passed, euSg], entries, NOW);
    expect(findings.map((f) => f.Workflow?.Status ?? null)).toEqual(['SUPPRESSED', 'SUPPRESSED', null, null, null, null]);
    expect(findings[0]!.Compliance?.Status).toBe('FAILED');
    expect(findings[0]!.ProductFields).toMatchObject({
      'hubcheck/Suppression/Reason': 'Break-glass users; MFA devices in the safe',
      'hubcheck/Suppression/Owner': 'security@example.com',
      'hubcheck/Suppression/Expires': '2027-01-31',
      'hubcheck/Suppression/Source': 'sup.yaml:3',
      'hubcheck/RuleId': 'iam-user-console-mfa-enabled',
    });
    expect(suppressed).toBe(2);
    // The second entry expired yesterday: reported, and it no longer applies.
    expect(expired.map((e) => e.source)).toEqual(['sup.yaml:9']);
    expect(validateFindings(findings).issues).toEqual([]);
    // The input findings are not modified.
    expect(bob.Workflow).toBeUndefined();
  });

  it('applies an entry up to its expiry and not after', () => {
    expect(applySuppressions([euSg], entries, new Date('2026-11-26T23:59:59Z')).suppressed).toBe(1);
    expect(applySuppressions([euSg], entries, new Date('2026-11-27T00:00:00Z')).suppressed).toBe(0);
  });

  it('keeps the note within the 50 ProductFields by dropping evidence', () => {
    const evidence = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`e${i}`, String(i)]));
    const big = finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', resource: 'svc-x', name: 'svc-x', evidence });
    const [marked] = applySuppressions([big], entries, NOW).findings;
    expect(Object.keys(marked!.ProductFields!)).toHaveLength(50);
    expect(marked!.ProductFields!['hubcheck/Suppression/Reason']).toBeDefined();
    expect(validateFindings([marked]).issues).toEqual([]);
  });
});
