import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { placeholderProblems, remediationValues, renderSteps, resourceParentId, resourceShortName } from '../../src/engine/render-remediation.js';
import type { RemediationSteps, Rule } from '../../src/engine/rule.js';

const place = { account: '123456789012', region: 'eu-west-1', partition: 'aws' };

function ruleWith(steps: RemediationSteps, params: Rule['params'] = {}): Pick<Rule, 'id' | 'params' | 'remediation'> {
  return { id: 'demo-rule', params, remediation: { text: 't', url: 'https://example.com', steps } };
}

/** What a POSIX shell makes of one command line: its words. */
function shellWords(command: string): string[] {
  return JSON.parse(execFileSync('sh', ['-c', `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${command}`], { encoding: 'utf8' }));
}

describe('renderSteps', () => {
  it.each([
    ['arn:aws:s3:::my-bucket', 'my-bucket'],
    ['arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc', 'sg-0abc'],
    ['arn:aws:rds:eu-west-1:123456789012:db:orders', 'orders'],
    ['arn:aws:iam::123456789012:user/team/alice', 'alice'],
    ['AWS::::Account:123456789012', '123456789012'],
  ])('names %s by %s', (id, name) => {
    expect(resourceShortName(id)).toBe(name);
  });

  it.each([
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod', 'a1b2c3'],
    ['arn:aws:apigateway:eu-west-1::/apis/x9y8/stages/$default', 'x9y8'],
    ['arn:aws:s3:::my-bucket', ''],
    ['arn:aws:iam::123456789012:user/alice', ''],
  ])('gives %s the parent %j', (id, parent) => {
    expect(resourceParentId(id)).toBe(parent);
  });

  it('fills the finding, the params and the inputs (whose defaults may name finding values)', () => {
    const rule = ruleWith(
      { change: 'Fix {{resource}} in {{region}}.', cli: ['aws x --a {{resource}} --b {{minimum}} --c {{bucket}}'], inputs: { bucket: { default: 'logs-{{account}}', means: 'm' } } },
      { minimum: 14 },
    );
    const out = renderSteps(rule.remediation.steps!, remediationValues(rule, { ...place, resourceId: 'arn:aws:s3:::data' }));
    expect(out.change).toBe('Fix data in eu-west-1.');
    expect(out.cli).toBe('aws x --a data --b 14 --c logs-123456789012');
  });

  const hostile = `x'; touch pwned; echo "$(id)" \${HOME} %{y}\n`;

  it('keeps a hostile resource name one shell word, outside or inside single quotes', () => {
    const rule = ruleWith({ change: 'c', cli: ["--name {{resource}} --policy '{\"R\":\"{{resource|json}}\"}' --raw '{{resource}}'"] });
    const out = renderSteps(rule.remediation.steps!, remediationValues(rule, { ...place, resourceId: `arn:aws:sns:eu-west-1:1:${hostile}` }));
    const words = shellWords(out.cli!);
    expect(words).toHaveLength(6);
    expect([words[0], words[1], words[2], words[4], words[5]]).toEqual(['--name', hostile, '--policy', '--raw', hostile]);
    expect(JSON.parse(words[3]!)).toEqual({ R: hostile });
  });

  it('escapes a hostile name inside CloudFormation and Terraform strings', () => {
    const rule = ruleWith({ change: 'c', cloudformation: 'Name: "{{resource}}"\n', terraform: 'name = "{{resource}}"\n' });
    const out = renderSteps(rule.remediation.steps!, remediationValues(rule, { ...place, resourceId: `arn:aws:sns:eu-west-1:1:${hostile}` }));
    // YAML double-quoted strings take JSON escapes.
    expect(JSON.parse(out.cloudformation!.slice('Name: '.length).trim())).toBe(hostile);
    expect(out.terraform).toContain('$${HOME}');
    expect(out.terraform).toContain('%%{y}');
    expect(out.terraform).not.toMatch(/[^$]\$\{HOME/);
    expect(out.terraform!.trim().split('\n')).toHaveLength(1);
  });

  it('refuses placeholders with no value, outside IaC strings, inside shell double quotes, and missing parts without a reason', () => {
    expect(placeholderProblems(ruleWith({ change: 'c', cli: ['a {{nope}}'], cloudformation: 'A: {{resource}}\n', terraform: 'a = "{{resource}}"\n' }))).toEqual([
      'cli: {{nope}} has no value',
      'cloudformation: {{resource}} must sit inside a double-quoted string',
    ]);
    expect(placeholderProblems(ruleWith({ change: 'c', cli: ['a "{{resource}}"'] }))).toEqual([
      'cli: {{resource}} must not sit inside double quotes',
      'no cloudformation, terraform and no "cannot" saying why',
    ]);
    expect(placeholderProblems(ruleWith({ change: 'c', cli: ['a {{resource}}'], cannot: 'no IaC for this' }))).toEqual([]);
  });
});
