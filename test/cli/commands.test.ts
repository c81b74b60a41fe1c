import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { builtInRules } from '../../rules/index.js';
import { runsFor } from '../../src/engine/registry.js';
import { validateFindings } from '../../src/asff/validate.js';
import { cli } from '../helpers/cli.js';

// Each test runs a CLI scan of the demo replay: seconds alone, far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

describe('hubcheck demo', () => {
  it('scans the embedded account and writes valid findings from every rule, PASSED and FAILED both present', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'hubcheck-demo-'));
    const result = await cli(['demo', '--output-dir', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/scanned 314159265358 \(3 Regions, \d+ rules, cis-5.0.0, replayed\)/);
    expect(result.stderr).toContain('Top failing controls:');
    expect(result.stderr).not.toContain('\x1b'); // stderr is not a terminal here: no progress redraws
    // A replay makes no API calls: the summary says so instead of showing zero counts.
    expect(result.stderr).toContain('API calls: none (every answer replayed from the snapshot)');
    expect(result.stderr).toMatch(/^ {6}eu-west-1 +\d+\.\d s {2}0 errors$/m);
    expect(result.stderr).not.toMatch(/\bcalls\b.*\bthrottled\b/);
    const findings = JSON.parse(await readFile(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    expect(validateFindings(findings).issues).toEqual([]);
    const rulesSeen = new Set(findings.map((f) => f.ProductFields?.['hubcheck/RuleId']));
    expect([...rulesSeen].sort()).toEqual(builtInRules.filter((r) => runsFor(r, '5.0.0')).map((r) => r.id).sort());
    const statuses = new Set(findings.map((f) => f.Compliance?.Status));
    expect(statuses).toContain('PASSED');
    expect(statuses).toContain('FAILED');
    expect(statuses).not.toContain('NOT_AVAILABLE');
    const scan = JSON.parse(await readFile(path.join(out, 'scan.json'), 'utf8'));
    expect(scan).toMatchObject({ mode: 'replay', homeRegion: 'us-east-1', regions: ['ap-southeast-2', 'eu-west-1', 'us-east-1'] });
  });

  it('writes report.html, findings.csv, junit.xml and summary.md, the HTML showing the failing controls first', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-demo-')), 'demo');
    expect((await cli(['demo', '--output-dir', out])).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['.hubcheck-set.json', 'findings.asff.json', 'findings.csv', 'findings.ocsf.json', 'junit.xml', 'report.html', 'scan.json', 'summary.md']);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    const sections = [...html.matchAll(/<section class="control [^"]*" data-control="([^"]+)" data-outcome="(\w+)"/g)].map((m) => [m[1], m[2]]);
    const outcomes = sections.map(([, outcome]) => outcome);
    // Every control with a FAILED finding is listed first, most severe first; then the passing ones.
    const findings = JSON.parse(await readFile(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    const severityOf = new Map<string, number>();
    for (const f of findings.filter((x) => x.Compliance?.Status === 'FAILED')) {
      const control = f.Compliance?.SecurityControlId ?? f.ProductFields?.['hubcheck/RuleId'] ?? '';
      severityOf.set(control, Math.max(severityOf.get(control) ?? 0, ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].indexOf(f.Severity?.Label ?? '') + 1));
    }
    const failedSections = sections.filter(([, o]) => o === 'FAILED').map(([c]) => c ?? '');
    expect(new Set(failedSections)).toEqual(new Set(severityOf.keys()));
    expect(outcomes.slice(0, failedSections.length).every((o) => o === 'FAILED')).toBe(true);
    expect(outcomes.indexOf('PASSED')).toBe(outcomes.lastIndexOf('FAILED') + 1);
    const ranks = failedSections.map((c) => severityOf.get(c) ?? 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks[0]).toBe(4); // the demo account's root user has no MFA: CRITICAL comes first
    // Offline: nothing in the page points outside it but the remediation links (AWS's pages, or a CIS-only rule's doc).
    const remediationLink = /<a href="https:\/\/(docs\.aws\.amazon\.com|github\.com\/hubcheck\/hubcheck\/blob\/main\/rules)\/[^"]+" target="_blank" rel="noopener noreferrer">/g;
    const inPage = /href="#control-[^"]+"/g;
    expect(html.replace(remediationLink, '').replace(inPage, '')).not.toMatch(/(src|href)=|https?:\/\/|@import|url\(/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
    // The demo keeps history beside its output directory.
    const scan = JSON.parse(await readFile(path.join(out, 'scan.json'), 'utf8'));
    expect(scan.history.stateFile).toBe(path.join(path.dirname(out), 'hubcheck-state.sqlite'));
  });
});

describe('hubcheck rules', () => {
  it('lists the rules of a benchmark with their requirement numbers as JSON', async () => {
    const result = await cli(['rules', '--benchmark', 'cis-1.2.0', '--json']);
    expect(result.code).toBe(0);
    const listing = JSON.parse(result.stdout);
    expect(listing.benchmarks).toEqual(['cis-1.2.0']);
    expect(listing.requirements['cis-1.2.0']).toContainEqual({
      id: '1.15', title: 'Ensure security questions are registered in the AWS account', automated: false, rules: [], manualStatus: 'NS',
    });
    const ids = listing.rules.map((r: { id: string }) => r.id);
    expect(ids).not.toContain('ec2-ebs-default-encryption-enabled');
    expect(listing.rules.find((r: { id: string }) => r.id === 'iam-root-mfa-enabled').cis['cis-1.2.0']).toEqual({
      requirements: ['1.13'],
      runs: true,
      status: null,
    });
    // The structured remediation, placeholders unfilled.
    const steps = listing.rules.find((r: { id: string }) => r.id === 'ec2-vpc-flow-logs-enabled').remediation.steps;
    expect(steps.cli[0]).toMatch(/^aws ec2 create-flow-logs --region \{\{region\}\} --resource-type VPC --resource-ids \{\{resource\}\}/);
    expect(steps.cloudformation).toContain('AWS::EC2::FlowLog');
    expect(steps.terraform).toContain('resource "aws_flow_log"');
  });

  it('lists the rules with --list', async () => {
    const result = await cli(['rules', '--list']);
    expect(result.stdout.split('\n')[0]).toMatch(/^RULE\s+CONTROL\s+SEVERITY\s+CIS 5.0.0$/);
    expect(result.stdout).toMatch(/iam-root-mfa-enabled\s+IAM.9\s+CRITICAL\s+1.4/);
  });

  it('lists every recommendation of a version by default, automated ones with their rule, manual ones marked', async () => {
    const result = await cli(['rules', '--benchmark', 'cis-1.2.0', '--wide']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^CIS AWS Foundations Benchmark v1.2.0: \d+ of 49 recommendations listed/);
    expect(lines[1]).toMatch(/^REQ\s+STATUS\s+RULES\s+TITLE$/);
    expect(result.stdout).toMatch(/\n1\.13\s+automated\s+iam-root-mfa-enabled \(IAM\.9\)\s+MFA should be enabled for the root user\n/);
    expect(result.stdout).toMatch(/\n4\.4\s+not scored\s+-\s+Ensure routing tables for VPC peering are "least access"\n/);
    const ids = lines.slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(ids.indexOf('1.2')).toBeLessThan(ids.indexOf('1.10'));
    expect(ids.indexOf('1.21')).toBeLessThan(ids.indexOf('4.3'));
  });
});

describe('hubcheck rules width', () => {
  const longest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

  it('fits 100 columns by default, naming rules by their control and cutting long titles', async () => {
    const result = await cli(['rules', '--all']);
    expect(longest(result.stdout)).toBeLessThanOrEqual(100);
    expect(result.stdout.split('\n')[1]).toMatch(/^REQ\s+STATUS\s+CONTROLS\s+TITLE$/);
    expect(result.stdout).toMatch(/\n1\.13\s+automated\s+IAM\.9\s+MFA should be enabled for the root user\n/);
    expect(result.stdout).toContain('\u2026');
  });

  it('prints every column in full with --wide', async () => {
    const result = await cli(['rules', '--all', '--wide']);
    expect(longest(result.stdout)).toBeGreaterThan(100);
    expect(result.stdout).not.toContain('\u2026');
  });
});

describe('hubcheck permissions', () => {
  it('prints a least-privilege policy with exactly the selected rules\' actions', async () => {
    const result = await cli(['permissions', '--rules', 'IAM.5,EC2.2']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'HubcheckReadOnlyScan',
          Effect: 'Allow',
          Action: ['ec2:DescribeRegions', 'ec2:DescribeSecurityGroups', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'sts:GetCallerIdentity'],
          Resource: '*',
        },
      ],
    });
  });

  it('includes the reads of the v7.0.0 rules for cis-7.0.0', async () => {
    const { stdout } = await cli(['permissions', '--benchmark', 'cis-7.0.0']);
    const actions = JSON.parse(stdout).Statement[0].Action as string[];
    expect(actions).toEqual(expect.arrayContaining(['iam:ListOrganizationsFeatures', 'kms:GetKeyPolicy', 'sns:ListTopics', 'sns:GetTopicAttributes']));
    // 2.21 and 4.10 beyond S3/SNS/KMS; API Gateway authorises its reads as apigateway:GET.
    expect(actions).toEqual(expect.arrayContaining([
      'sqs:ListQueues', 'sqs:GetQueueAttributes', 'lambda:ListFunctions', 'lambda:GetPolicy', 'ecr:DescribeRepositories',
      'ecr:GetRepositoryPolicy', 'secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy', 'cloudfront:ListDistributions',
      'cloudfront:GetDistributionConfig', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'apigateway:GET',
    ]));
    const v5 = JSON.parse((await cli(['permissions', '--benchmark', 'cis-5.0.0'])).stdout).Statement[0].Action as string[];
    expect(v5).not.toContain('iam:ListOrganizationsFeatures');
    expect(v5).not.toContain('apigateway:GET');
  });

  it('grants only reads', async () => {
    const { stdout } = await cli(['permissions', '--benchmark', 'cis-1.2.0', '--benchmark', 'cis-5.0.0']);
    for (const action of JSON.parse(stdout).Statement[0].Action as string[]) {
      expect(action).toMatch(/^[a-z0-9-]+:(Get|List|Describe|GenerateCredentialReport)/);
    }
  });
});
