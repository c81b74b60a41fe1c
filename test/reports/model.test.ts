/** The compliance score and the order of controls that every report shares. */
import { describe, expect, it } from 'vitest';
import { applySuppressions, parseSuppressions } from '../../src/suppressions/suppressions.js';
import { complianceScores, controlGroups, findingViews, formatScore } from '../../reports/model.js';
import { finding } from '../helpers/findings.js';

const v5 = (req: string) => `CIS AWS Foundations Benchmark v5.0.0/${req}`;
const v12 = (req: string) => `CIS AWS Foundations Benchmark v1.2.0/${req}`;

const findings = [
  // IAM.5 (5.0.0 1.10, 1.2.0 1.2): one failing user -> FAILED
  finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', severity: 'MEDIUM', resource: 'u1', requirements: [v5('1.10'), v12('1.2')] }),
  finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', status: 'PASSED', resource: 'u2', requirements: [v5('1.10'), v12('1.2')] }),
  // IAM.9 (5.0.0 1.4): PASSED
  finding({ rule: 'iam-root-mfa-enabled', control: 'IAM.9', status: 'PASSED', resource: 'acct', requirements: [v5('1.4')] }),
  // EC2.2 (5.0.0 5.5, 1.2.0 4.3): its only failure is suppressed, the rest pass -> PASSED
  finding({ resource: 'sg-1', requirements: [v5('5.5'), v12('4.3')] }),
  finding({ resource: 'sg-2', status: 'PASSED', requirements: [v5('5.5'), v12('4.3')] }),
  // EC2.7 (5.0.0 2.2.1): NOT_AVAILABLE only -> not counted
  finding({ rule: 'ec2-ebs-default-encryption-enabled', control: 'EC2.7', status: 'NOT_AVAILABLE', resource: 'acct', requirements: [v5('2.2.1')] }),
  // CloudTrail.1 (5.0.0 3.1): CRITICAL failure
  finding({ rule: 'cloudtrail-multi-region-enabled', control: 'CloudTrail.1', severity: 'CRITICAL', resource: 'acct', requirements: [v5('3.1')] }),
];
const marked = applySuppressions(
  findings,
  parseSuppressions('suppressions:\n  - rule: EC2.2\n    resource: sg-1\n    reason: r\n    owner: o\n    expires: 2099-01-01\n', 's.yaml'),
  new Date('2026-11-27T00:00:00Z'),
).findings;

describe('complianceScores', () => {
  const scores = complianceScores(findingViews(marked));

  it('scores controls, not resources: passed / (passed + failed), suppressed failures and undecided controls left out', () => {
    // Controls: IAM.5 FAILED, IAM.9 PASSED, EC2.2 PASSED, EC2.7 not counted, CloudTrail.1 FAILED.
    expect(scores.overall).toEqual({ passed: 2, failed: 2, score: 50 });
    expect(scores.benchmarks.map((b) => [b.benchmark, b.passed, b.failed, b.score])).toEqual([
      ['cis-1.2.0', 1, 1, 50],
      ['cis-5.0.0', 2, 2, 50],
    ]);
  });

  it('scores each CIS section of each version, with the section names of that version', () => {
    const v5sections = scores.benchmarks.find((b) => b.version === '5.0.0')!.sections;
    expect(v5sections.map((s) => [s.section, s.name, s.passed, s.failed, s.score])).toEqual([
      ['1', 'Identity and Access Management', 1, 1, 50],
      ['2', 'Storage', 0, 0, null],
      ['3', 'Logging', 0, 1, 0],
      ['5', 'Networking', 1, 0, 100],
    ]);
    const v12sections = scores.benchmarks.find((b) => b.version === '1.2.0')!.sections;
    expect(v12sections.map((s) => [s.section, s.name])).toEqual([
      ['1', 'Identity and Access Management'],
      ['4', 'Networking'],
    ]);
  });

  it('rounds to one decimal and prints n/a without a score', () => {
    const three = complianceScores(
      findingViews([
        finding({ rule: 'a', resource: 'a', status: 'PASSED' }),
        finding({ rule: 'b', resource: 'b' }),
        finding({ rule: 'c', resource: 'c' }),
      ]),
    );
    expect(three.overall.score).toBe(33.3);
    expect(formatScore(33.3)).toBe('33.3%');
    expect(formatScore(50)).toBe('50%');
    expect(formatScore(null)).toBe('n/a');
  });
});

describe('controlGroups', () => {
  it('puts failing controls first (most severe first), then undecided, then passing; failing findings first inside', () => {
    const groups = controlGroups(findingViews(marked));
    expect(groups.map((g) => [g.control, g.outcome])).toEqual([
      ['CloudTrail.1', 'FAILED'],
      ['IAM.5', 'FAILED'],
      ['EC2.7', 'UNKNOWN'],
      ['EC2.2', 'PASSED'],
      ['IAM.9', 'PASSED'],
    ]);
    expect(groups[1]!.findings.map((f) => f.status)).toEqual(['FAILED', 'PASSED']);
    // A suppressed failure sorts after the findings that count.
    expect(groups[3]!.findings.map((f) => [f.status, f.suppressed])).toEqual([
      ['PASSED', false],
      ['FAILED', true],
    ]);
  });
});

describe('views and groups shared by the reports of one run', () => {
  it('builds the views of one findings array and delta once, and new ones for another delta', () => {
    const views = findingViews(marked);
    expect(findingViews(marked)).toBe(views);
    const delta = { new: [findings[0]!.Id!], reopened: [], resolved: [], unsuppressed: [], trend: [] } as unknown as Parameters<typeof findingViews>[1];
    const withDelta = findingViews(marked, delta);
    expect(withDelta).not.toBe(views);
    expect(withDelta[0]!.change).toBe('NEW');
    expect(views[0]!.change).toBeNull();
    expect(controlGroups(views)).toBe(controlGroups(views));
  });

  it('groups every finding of a large control, in order, once', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', resource: `u${String(i).padStart(4, '0')}`, status: i % 2 ? 'PASSED' : 'FAILED' }),
    );
    const [group] = controlGroups(findingViews(many));
    expect(group!.findings).toHaveLength(3000);
    expect(group!.failing).toBe(1500);
    expect(group!.findings[0]!.resourceName || group!.findings[0]!.resourceId).toMatch(/u0000$/);
  });
});
