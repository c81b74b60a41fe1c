/**
 * The structured remediation where people meet it: the finding's Recommendation
 * (Text within 512 characters, Url to the rule's doc), the rendered code carried
 * in ProductFields of failing findings only, the HTML report's copyable blocks
 * and summary.md's commands, all with a hostile resource name escaped.
 */
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { toFinding } from '../../src/asff/to-asff.js';
import { validateFinding } from '../../src/asff/validate.js';
import { fail, pass, type Rule } from '../../src/engine/rule.js';
import { htmlReport } from '../../reports/html.js';
import { markdownReport } from '../../reports/markdown.js';

const rule = builtInRules.find((r) => r.id === 'ec2-sg-ssh-restricted') as Rule;
const hostile = "sg-1```<img src=x onerror=alert(1)>'$(touch pwned)";
const resource = { type: 'AwsEc2SecurityGroup', id: `arn:aws:ec2:eu-west-1:111122223333:security-group/${hostile}`, name: hostile };
const ctx = { rule, account: '111122223333', region: 'eu-west-1', partition: 'aws', benchmarks: ['5.0.0'] as const, observedAt: '2026-12-01T00:00:00.000Z', toolVersion: '1.0.0' };
const failed = toFinding(fail(resource, 'Port 22 is open to the world.', { reasonCode: 'OPEN_TO_INTERNET' }), { ...ctx, benchmarks: ['5.0.0'] });
const passed = toFinding(pass({ ...resource, id: resource.id.replace(hostile, 'sg-2'), name: 'sg-2' }, 'Closed.', { reasonCode: 'NOT_OPEN' }), { ...ctx, benchmarks: ['5.0.0'] });

describe('the finding', () => {
  it('recommends the rendered change within ASFF limits and links the rule doc', () => {
    expect(validateFinding(failed)).toEqual([]);
    const rec = failed.Remediation?.Recommendation;
    expect(rec?.Url).toBe('https://github.com/hubcheck/hubcheck/blob/main/rules/ec2/ec2-sg-ssh-restricted.md');
    expect(rec?.Text?.length).toBeLessThanOrEqual(512);
    expect(rec?.Text).toContain('revoke every inbound rule that opens port 22');
  });

  it('carries the rendered CLI, CloudFormation and Terraform of a FAILED finding, and none on a PASSED one', () => {
    const fields = failed.ProductFields ?? {};
    expect(fields['hubcheck/remediation/cli']).toContain("--group-id 'sg-1```<img src=x onerror=alert(1)>'\\''$(touch pwned)'");
    expect(fields['hubcheck/remediation/cloudformation']).toContain(`GroupId: "${hostile}"`);
    expect(fields['hubcheck/remediation/terraform']).toContain(`security_group_id = "${hostile}"`);
    expect(Object.keys(passed.ProductFields ?? {}).filter((k) => k.startsWith('hubcheck/remediation/'))).toEqual([]);
  });

  it('keeps the rule text for a rule with no structured steps', () => {
    const plain = { ...rule, remediation: { text: 'Do the thing.', url: 'https://example.com/fix' } };
    const f = toFinding(fail(resource, 'x'), { ...ctx, rule: plain, benchmarks: ['5.0.0'] });
    expect(f.Remediation?.Recommendation).toEqual({ Text: 'Do the thing.', Url: 'https://example.com/fix' });
    expect(Object.keys(f.ProductFields ?? {}).some((k) => k.startsWith('hubcheck/remediation/'))).toBe(false);
  });
});

describe('the reports', () => {
  it('HTML: one copyable, escaped block per part under the failing resource', () => {
    const html = htmlReport([failed, passed]);
    const block = html.slice(html.indexOf('<details class="fixcode">'), html.indexOf('</details>', html.indexOf('<details class="fixcode">')));
    expect(block).toContain('<code data-part="cli">');
    expect(block).toContain('<code data-part="cloudformation">');
    expect(block).toContain('<code data-part="terraform">');
    expect(block.match(/<button type="button" class="copy">/g)).toHaveLength(3);
    expect(html).not.toContain('<img src=x');
    expect(block).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/class="fixcode"/g)).toHaveLength(1);
  });

  it('summary.md: the CLI of the failing resource in a fence nothing in it can close', () => {
    const md = markdownReport([failed, passed]);
    expect(md).toContain('### How to fix');
    const start = md.indexOf('````sh\n');
    expect(start).toBeGreaterThan(0);
    const end = md.indexOf('\n````', start + 7);
    expect(md.slice(start + 7, end)).toBe(failed.ProductFields?.['hubcheck/remediation/cli']);
    expect(md).toContain('[the rule\'s doc](https://github.com/hubcheck/hubcheck/blob/main/rules/ec2/ec2-sg-ssh-restricted.md)');
  });
});
