import { describe, expect, it } from 'vitest';
import { PromiseCache } from '../../src/data/cache.js';
import { defineRule, pass, type Rule } from '../../src/engine/rule.js';
import { partitionOf, scanAccount } from '../../src/engine/scan.js';
import { FixtureSource, TEST_IDENTITY, denied } from '../helpers/fixture-source.js';
import { silentLogger } from '../helpers/rule-harness.js';

const base = {
  title: 'x',
  securityHubControlId: null,
  severity: 'LOW' as const,
  cis: { '5.0.0': '1.1' },
  resourceType: 'AwsAccount',
  remediation: { text: 't', url: 'https://example.com' },
};

const regional = defineRule({
  ...base,
  id: 'regional-ebs',
  scope: 'region',
  requiredActions: ['ec2:GetEbsEncryptionByDefault'],
  async evaluate({ data, account, region }) {
    const on = await data.ec2.ebsEncryptionByDefault();
    return [pass({ type: 'AwsAccount', id: `AWS::::Account:${account}`, region }, `on=${on}`)];
  },
});

function scan(rules: Rule[], fixture: Record<string, unknown>, regions?: string[]) {
  const source = new FixtureSource(fixture);
  return scanAccount(source, new PromiseCache(), {
    rules,
    benchmarks: ['5.0.0'],
    homeRegion: 'us-east-1',
    regions,
    now: new Date(),
    logger: silentLogger,
  }).then((result) => ({ ...result, source }));
}

describe('scanAccount', () => {
  it('runs account rules once in the home Region and Regional rules in every Region', async () => {
    const accountRule = defineRule({ ...regional, id: 'account-wide', scope: 'account' });
    const result = await scan([regional, accountRule], { 'ec2.ebsEncryptionByDefault': true }, ['eu-west-1', 'us-east-1', 'ap-south-1']);
    expect(result.evaluations.map((e) => `${e.rule.id}@${e.region}`)).toEqual([
      'account-wide@us-east-1',
      'regional-ebs@ap-south-1',
      'regional-ebs@eu-west-1',
      'regional-ebs@us-east-1',
    ]);
    // The account rule's read in us-east-1 and the Regional rule's there are one read.
    expect(result.source.reads.filter((r) => r.region === 'us-east-1')).toHaveLength(1);
  });

  it('scans the enabled Regions of the account partition when none are given', async () => {
    const result = await scan([regional], {
      'ec2.ebsEncryptionByDefault': true,
      'ec2.regions': [
        { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
        { name: 'af-south-1', optInStatus: 'not-opted-in' },
        { name: 'ap-east-1', optInStatus: 'opted-in' },
        { name: 'cn-north-1', optInStatus: 'opt-in-not-required' },
        { name: 'us-gov-west-1', optInStatus: 'opt-in-not-required' },
      ],
    });
    expect(result.regions).toEqual(['us-east-1', 'ap-east-1']);
  });

  it('turns a throwing rule into a NOT_AVAILABLE result and an issue, and goes on', async () => {
    const broken = defineRule({ ...regional, id: 'broken', scope: 'account', async evaluate() { throw new TypeError('x is undefined'); } });
    const result = await scan([broken, regional], { 'ec2.ebsEncryptionByDefault': false }, ['us-east-1']);
    const byRule = Object.fromEntries(result.evaluations.map((e) => [e.rule.id, e.results]));
    expect(byRule.broken).toMatchObject([{ status: 'NOT_AVAILABLE', reasonCode: 'RULE_ERROR', reason: 'The rule could not be evaluated: x is undefined' }]);
    expect(byRule['regional-ebs']?.[0]?.status).toBe('PASSED');
    expect(result.issues).toMatchObject([{ kind: 'rule-error', rule: 'broken' }]);
  });

  it('refuses a read the rule did not declare, fail closed', async () => {
    const sneaky = defineRule({ ...regional, id: 'sneaky', requiredActions: [] });
    const result = await scan([sneaky], { 'ec2.ebsEncryptionByDefault': true }, ['us-east-1']);
    expect(result.evaluations[0]?.results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reasonCode: 'RULE_ERROR' });
    expect(result.evaluations[0]?.results[0]?.reason).toMatch(/ec2.ebsEncryptionByDefault, which needs ec2:GetEbsEncryptionByDefault, missing from its requiredActions/);
    expect(result.source.reads).toEqual([]);
  });

  it('rejects malformed results instead of reporting them', async () => {
    const sloppy = defineRule({ ...regional, id: 'sloppy', async evaluate() { return [{ status: 'OK' }] as never; } });
    const result = await scan([sloppy], {}, ['us-east-1']);
    expect(result.evaluations[0]?.results[0]?.reason).toMatch(/returned a result with status OK/);
  });

  it('refuses a result whose reason code the rule does not declare', async () => {
    const coded = (code: string) =>
      defineRule({
        ...regional,
        id: 'coded',
        reasonCodes: { EBS_ON: 'Encryption by default is on.' },
        async evaluate({ account, region }) {
          return [pass({ type: 'AwsAccount', id: `AWS::::Account:${account}`, region }, 'on', { reasonCode: code })];
        },
      });
    const good = await scan([coded('EBS_ON')], { 'ec2.ebsEncryptionByDefault': true }, ['us-east-1']);
    expect(good.evaluations[0]?.results[0]).toMatchObject({ status: 'PASSED', reasonCode: 'EBS_ON' });
    const bad = await scan([coded('EBS_OFF')], { 'ec2.ebsEncryptionByDefault': true }, ['us-east-1']);
    expect(bad.evaluations[0]?.results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reasonCode: 'RULE_ERROR' });
    expect(bad.evaluations[0]?.results[0]?.reason).toMatch(/reason code EBS_OFF, which it does not declare/);
  });

  it('records a denied read as an issue naming the action', async () => {
    const result = await scan([regional], { 'ec2.ebsEncryptionByDefault': denied('ec2:GetEbsEncryptionByDefault') }, ['us-east-1']);
    expect(result.issues).toEqual([
      expect.objectContaining({ kind: 'data-unavailable', account: TEST_IDENTITY.account, action: 'ec2:GetEbsEncryptionByDefault', code: 'AccessDenied' }),
    ]);
  });
});

describe('partitionOf', () => {
  it('knows the partitions by Region prefix', () => {
    expect(['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-west-3'].map(partitionOf)).toEqual([
      'aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws',
    ]);
  });
});
