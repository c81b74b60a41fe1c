import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/data/catalog.js';
import { RecordingSource, ReplaySource, SNAPSHOT_FORMAT, parseSnapshot, serializeSnapshot, type Snapshot } from '../../src/data/snapshot.js';
import { UsageError } from '../../src/errors.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { FixtureSource, TEST_IDENTITY, denied } from '../helpers/fixture-source.js';

const scope = (region: string) => ({ account: TEST_IDENTITY.account, region, partition: 'aws' });
const noRead = () => Promise.reject(new Error('unused'));

describe('snapshots', () => {
  it('records answers and failures, and replays them with their types', async () => {
    const recorder = new RecordingSource(
      new FixtureSource({
        'ec2.securityGroups': [{ GroupId: 'sg-1', Created: new Date('2026-01-02T03:04:05.000Z') }],
        'iam.accountSummary': denied('iam:GetAccountSummary'),
      }),
    );
    await recorder.identity('us-east-1');
    await recorder.fetch(catalog.ec2.securityGroups, scope('eu-west-1'), [], noRead);
    await expect(recorder.fetch(catalog.iam.accountSummary, scope('us-east-1'), [], noRead)).rejects.toBeInstanceOf(DataUnavailable);
    const account = recorder.account();
    expect(Object.keys(account?.entries ?? {})).toEqual(['eu-west-1|ec2.securityGroups|[]', 'global|iam.accountSummary|[]']);

    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT,
      version: 1,
      recordedAt: '2026-11-27T00:00:00.000Z',
      homeRegion: 'us-east-1',
      regions: ['eu-west-1', 'us-east-1'],
      accounts: [account!],
    };
    const replay = new ReplaySource(parseSnapshot(serializeSnapshot(snapshot)).accounts[0]!);
    const groups = (await replay.fetch(catalog.ec2.securityGroups, scope('eu-west-1'), [])) as { Created: Date }[];
    expect(groups[0]?.Created).toBeInstanceOf(Date);
    expect(groups[0]?.Created.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    await expect(replay.fetch(catalog.iam.accountSummary, scope('us-east-1'), [])).rejects.toMatchObject({
      action: 'iam:GetAccountSummary',
      reason: 'access-denied',
    });
    await expect(replay.fetch(catalog.ec2.securityGroups, scope('ap-south-1'), [])).rejects.toMatchObject({
      reason: 'not-recorded',
      action: 'ec2:DescribeSecurityGroups',
    });
  });

  it('rejects what is not a snapshot with a usage error', () => {
    expect(() => parseSnapshot('{not json', 'x.json')).toThrow(UsageError);
    expect(() => parseSnapshot('{"format":"other"}', 'x.json')).toThrow(/not a hubcheck snapshot/);
    expect(() => parseSnapshot(JSON.stringify({ format: SNAPSHOT_FORMAT, version: 1, accounts: [] }), 'x.json')).toThrow(/homeRegion/);
  });
});
