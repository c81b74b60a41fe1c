/** summary.md: counts, changes and failing controls, with every AWS value escaped. */
import { describe, expect, it } from 'vitest';
import type { HistoryDelta } from '../../src/history/delta.js';
import { markdownReport, md } from '../../reports/markdown.js';
import { finding } from '../helpers/findings.js';

const hostile = '<img src=x onerror=alert(1)> | **bold** [link](javascript:x) @security-team `code`';

describe('md', () => {
  it('escapes HTML, Markdown emphasis, links, code, table pipes and mentions, and flattens line breaks', () => {
    expect(md(hostile)).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\| \\*\\*bold\\*\\* \\[link\\](javascript:x) &#64;security-team \\`code\\`',
    );
    expect(md('a\nb\r\nc')).toBe('a b c');
    expect(md('x & y')).toBe('x &amp; y');
  });
});

describe('markdownReport', () => {
  const findings = [
    finding({ resource: 'sg-1', name: hostile, reason: 'Open to the world\nreally' }),
    finding({ resource: 'sg-2', status: 'PASSED' }),
    finding({ rule: 'iam-root-mfa-enabled', control: 'IAM.9', severity: 'CRITICAL', resource: 'acct', requirements: ['CIS AWS Foundations Benchmark v5.0.0/1.4'] }),
  ];
  const delta: HistoryDelta = {
    stateFile: 's',
    scanId: 3,
    previousScan: { id: 2, startedAt: '2026-11-26T00:00:00Z' },
    new: [findings[0]!.Id!],
    reopened: [findings[2]!.Id!],
    resolved: [{ id: 'gone', ruleId: 'r', control: 'S3.8', title: 't', severity: 'HIGH', account: '1', region: 'us-east-1', resourceId: 'arn:aws:s3:::old-bucket', resourceName: 'old|bucket', now: 'GONE', firstSeen: 'x' }],
    suppressed: [],
    unsuppressed: [],
    trend: [],
  };
  const text = markdownReport(findings, { startedAt: '2026-11-27T00:00:00Z', accounts: [], regions: ['us-east-1'], benchmarks: ['cis-5.0.0'] }, delta);

  it('sums up counts, score, the changes and the failing controls, most severe first', () => {
    expect(text).toMatch(/^## hubcheck: 2 failing findings\n/);
    expect(text).toContain('| 2 | 0 | 0 | 1 | 0 | 3 |');
    expect(text).toContain('Compliance score: **cis-5.0.0: 0%** (0 of 2 controls passed)');
    expect(text).toContain('**1 new**, **1 reopened**, **1 resolved**');
    expect(text).toMatch(/\| NEW \| HIGH \| EC2\.2 \| &lt;img/);
    expect(text).toMatch(/\| REOPENED \| CRITICAL \| IAM\.9 \|/);
    expect(text).toContain('| HIGH | S3.8 | old\\|bucket (arn:aws:s3:::old-bucket) | us-east-1 | gone |');
    // What to fix leads: right after the score, before the counts and the changes.
    expect(text.indexOf('### What to fix first')).toBeGreaterThan(text.indexOf('Compliance score:'));
    expect(text.indexOf('### What to fix first')).toBeLessThan(text.indexOf('| FAILED | WARNING'));
    expect(text.indexOf('### What to fix first')).toBeLessThan(text.indexOf('### Since the last scan'));
    const failing = text.slice(text.indexOf('### What to fix first'), text.indexOf('| FAILED | WARNING'));
    expect(failing.indexOf('IAM.9')).toBeLessThan(failing.indexOf('EC2.2'));
    expect(failing).toContain('| Severity | Control | Title | Failing resources | Regions | Accounts | Remediation |');
    expect(failing).toContain('[how to fix](https://docs.aws.amazon.com/console/securityhub/IAM.9/remediation)');
  });

  it('never lets a value break out of its table cell or into HTML', () => {
    expect(text).not.toContain('<img');
    expect(text).not.toContain('@security-team');
    for (const line of text.split('\n').filter((l) => l.startsWith('| NEW'))) {
      // 6 columns: 7 unescaped pipes.
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    }
  });

  it('says when there is no previous scan', () => {
    const first = markdownReport(findings, {}, { ...delta, previousScan: null, reopened: [], resolved: [] });
    expect(first).toContain('First scan in this state file: every failing finding is new');
  });
});
