import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/engine/shard.js';
import { parseAccountIds, roleArn } from '../../src/data/targets.js';

const ids = ['555555555555', '111111111111', '333333333333', '222222222222', '444444444444'];

describe('shards', () => {
  it('parses i/n, 1-based', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-3', '']) expect(() => parseShard(bad), bad).toThrow(/expected i\/n/);
  });

  it('deals sorted accounts round-robin: every account in exactly one shard, sizes within one', () => {
    const shards = [1, 2, 3].map((index) => shardOf(ids, { index, count: 3 }));
    expect(shards).toEqual([
      ['111111111111', '444444444444'],
      ['222222222222', '555555555555'],
      ['333333333333'],
    ]);
    expect(shards.flat().sort()).toEqual([...ids].sort());
  });

  it('gives the same shard whatever the input order', () => {
    expect(shardOf([...ids].reverse(), { index: 2, count: 2 })).toEqual(shardOf(ids, { index: 2, count: 2 }));
    expect(shardOf(ids, undefined)).toEqual([...ids].sort());
  });
});

describe('account targets', () => {
  it('accepts only 12-digit ids and drops duplicates', () => {
    expect(parseAccountIds(['111111111111', '111111111111'])).toEqual(['111111111111']);
    expect(() => parseAccountIds(['1234'])).toThrow(/1234 is not a 12-digit account id/);
  });

  it('builds role ARNs in the caller partition, paths allowed', () => {
    expect(roleArn('111111111111', { roleName: 'Audit', partition: 'aws' })).toBe('arn:aws:iam::111111111111:role/Audit');
    expect(roleArn('111111111111', { roleName: 'security/Audit', partition: 'aws-us-gov' })).toBe('arn:aws-us-gov:iam::111111111111:role/security/Audit');
  });
});
