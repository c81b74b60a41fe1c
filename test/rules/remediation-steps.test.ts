/**
 * Every built-in rule's structured remediation: placeholders all filled and in
 * places their escaping covers; every CloudFormation snippet, wrapped in a
 * minimal template, passes cfn-lint; every Terraform snippet is as
 * `terraform fmt` writes it (no `validate`: providers cannot be downloaded
 * here); and at least 90% of the automated rules give all three parts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { BENCHMARK_VERSIONS } from '../../src/engine/benchmarks.js';
import { runsFor } from '../../src/engine/registry.js';
import { remediationDocSection, ruleDocPath } from '../../src/dev/remediation-docs.js';
import { placeholderProblems, remediationValues, renderSteps } from '../../src/engine/render-remediation.js';
import type { Rule } from '../../src/engine/rule.js';

const automated = builtInRules.filter((rule) => BENCHMARK_VERSIONS.some((v) => runsFor(rule, v)));
const SAMPLE = { account: '123456789012', region: 'eu-west-1', partition: 'aws' };

/** A resource id of the rule's kind, so the snippets are rendered as a finding would render them. */
function sampleResourceId(rule: Rule): string {
  const type = Array.isArray(rule.resourceType) ? rule.resourceType[0] : rule.resourceType;
  const ids: Record<string, string> = {
    AwsS3Bucket: 'arn:aws:s3:::example-bucket',
    AwsEc2SecurityGroup: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0',
    AwsEc2NetworkAcl: 'arn:aws:ec2:eu-west-1:123456789012:network-acl/acl-0123456789abcdef0',
    AwsEc2Vpc: 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0123456789abcdef0',
    AwsEc2Instance: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0',
    AwsIamUser: 'arn:aws:iam::123456789012:user/alice',
    AwsIamPolicy: 'arn:aws:iam::123456789012:policy/admin-everything',
    AwsKmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    AwsRdsDbInstance: 'arn:aws:rds:eu-west-1:123456789012:db:orders',
    AwsRdsDbCluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:orders',
    AwsEfsFileSystem: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123456789abcdef0',
    AwsCloudTrailTrail: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/main',
    AwsSnsTopic: 'arn:aws:sns:eu-west-1:123456789012:alerts',
    AwsSqsQueue: 'arn:aws:sqs:eu-west-1:123456789012:orders',
    AwsLambdaFunction: 'arn:aws:lambda:eu-west-1:123456789012:function:resize',
    AwsEcrRepository: 'arn:aws:ecr:eu-west-1:123456789012:repository/web',
    AwsSecretsManagerSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf',
    AwsCloudFrontDistribution: 'arn:aws:cloudfront::123456789012:distribution/E1ABCDEF234567',
    AwsElbv2LoadBalancer: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef',
    AwsElbLoadBalancer: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/legacy-web',
    AwsApiGatewayStage: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod',
    AwsApiGatewayV2Stage: 'arn:aws:apigateway:eu-west-1::/apis/f6g7h8i9j0/stages/$default',
    Other: 'arn:aws:iam::123456789012:server-certificate/old-cert',
  };
  return ids[type ?? ''] ?? `AWS::::Account:${SAMPLE.account}`;
}

const rendered = builtInRules
  .filter((rule) => rule.remediation.steps)
  .map((rule) => ({ rule, steps: renderSteps(rule.remediation.steps!, remediationValues(rule, { ...SAMPLE, resourceId: sampleResourceId(rule) })) }));

const work = mkdtempSync(path.join(tmpdir(), 'hubcheck-snippets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('structured remediation of the built-in rules', () => {
  it.each(builtInRules.filter((r) => r.remediation.steps).map((r) => ({ id: r.id, rule: r })))('$id: placeholders are known and safely placed', ({ rule }) => {
    expect(placeholderProblems(rule)).toEqual([]);
    expect(rule.remediation.doc).toMatch(new RegExp(`/rules/[a-z0-9]+/${rule.id}\\.md$`));
    expect(rule.remediation.doc?.endsWith(ruleDocPath(rule).split('/').slice(-3).join('/'))).toBe(true);
  });

  it.each(builtInRules.filter((r) => r.remediation.steps).map((r) => ({ id: r.id, rule: r })))('$id: the doc shows the steps as written (npm run docs:remediation)', ({ rule }) => {
    expect(readFileSync(ruleDocPath(rule), 'utf8')).toContain(remediationDocSection(rule));
  });

  it('gives CLI, CloudFormation and Terraform for at least 90% of the automated rules', () => {
    const complete = automated.filter((r) => r.remediation.steps?.cli && r.remediation.steps.cloudformation && r.remediation.steps.terraform);
    const share = complete.length / automated.length;
    const missing = automated.filter((r) => !complete.includes(r)).map((r) => r.id);
    console.log(
      `structured remediation: ${complete.length} of ${automated.length} automated rules (${(share * 100).toFixed(1)}%) have CLI, CloudFormation and Terraform; without: ${missing.join(', ')}`,
    );
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it('every CloudFormation snippet, in a minimal template, passes cfn-lint (one run over all)', () => {
    const snippets = [...new Set(rendered.flatMap(({ steps }) => (steps.cloudformation ? [steps.cloudformation] : [])))];
    expect(snippets.length).toBeGreaterThan(30);
    const files = snippets.map((snippet, i) => {
      const file = path.join(work, `snippet-${i}.yaml`);
      const body = snippet.trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
      writeFileSync(file, `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${body}\n`);
      return file;
    });
    const run = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);

  it('every Terraform snippet is formatted as terraform fmt writes it (one run over all)', () => {
    const dir = path.join(work, 'terraform');
    const snippets = [...new Set(rendered.flatMap(({ steps }) => (steps.terraform ? [steps.terraform] : [])))];
    expect(snippets.length).toBeGreaterThan(30);
    execFileSync('mkdir', ['-p', dir]);
    snippets.forEach((snippet, i) => writeFileSync(path.join(dir, `snippet_${i}.tf`), snippet));
    const run = spawnSync('terraform', ['fmt', '-check', '-diff', dir], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
