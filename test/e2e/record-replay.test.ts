/**
 * --record then --replay: the replay makes no network call at all and gives
 * the same findings (same Ids, same statuses) as the recorded scan.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { parseSnapshot } from '../../src/data/snapshot.js';
import { client, describeMoto, resetMoto, runCli } from './moto.js';

const read = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const summary = (findings: AwsSecurityFinding[]) =>
  findings.map((f) => [f.Id, f.Compliance?.Status, f.Description]).sort();

describeMoto('record and replay', () => {
  let dir = '';

  beforeAll(async () => {
    await resetMoto();
    dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-replay-'));
    const iam = client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'dana' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'dana', Password: 'Correct-Horse-9-Battery' }));
  });

  it('replays a recorded scan offline with identical findings', async () => {
    const snapshot = path.join(dir, 'snap.json');
    // Every CIS v5.0.0 rule but IAM.28: moto has no Access Analyzer (HTTP 500, retried at length).
    const recorded = await runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--exclude-rules', 'IAM.28', '--record', snapshot, '--output-dir', path.join(dir, 'live'), '--no-progress']);
    expect(recorded.code).toBe(1);

    const parsed = parseSnapshot(await readFile(snapshot, 'utf8'));
    expect(parsed.accounts[0]?.identity.account).toBe('123456789012');
    expect(parsed.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.keys(parsed.accounts[0]?.entries ?? {})).toContain('global|iam.credentialReport|[]');

    // A dead endpoint: any network call would fail the replay.
    const replayed = await runCli(['scan', '--replay', snapshot, '--exclude-rules', 'IAM.28', '--output-dir', path.join(dir, 'replay'), '--no-progress'], {
      url: 'http://127.0.0.1:9',
    });
    expect(replayed.code).toBe(1);
    const live = (await read(path.join(dir, 'live', 'findings.asff.json'))) as AwsSecurityFinding[];
    const replay = (await read(path.join(dir, 'replay', 'findings.asff.json'))) as AwsSecurityFinding[];
    expect(summary(replay)).toEqual(summary(live));
    const document = await read(path.join(dir, 'replay', 'scan.json'));
    expect(document.mode).toBe('replay');
    expect(document.apiCalls.calls).toBe(0);
  });

  it('reports reads the snapshot does not hold as NOT_AVAILABLE, not as passing', async () => {
    const snapshot = path.join(dir, 'iam-only.json');
    await runCli(['scan', '--regions', 'us-east-1', '--rules', 'IAM.5', '--record', snapshot, '--output-dir', path.join(dir, 'a'), '--no-progress']);
    const replayed = await runCli(['scan', '--replay', snapshot, '--rules', 'EC2.7', '--output-dir', path.join(dir, 'b'), '--no-progress']);
    expect(replayed.code).toBe(3);
    const findings = (await read(path.join(dir, 'b', 'findings.asff.json'))) as AwsSecurityFinding[];
    expect(findings.map((f) => [f.Compliance?.Status, f.Description])).toEqual([
      ['NOT_AVAILABLE', 'The snapshot holds no answer for ec2:GetEbsEncryptionByDefault in us-east-1'],
    ]);
  });

  it('rejects a file that is not a snapshot with one line and exit 2', async () => {
    const result = await runCli(['scan', '--replay', path.join(dir, 'live', 'scan.json'), '--output-dir', path.join(dir, 'c')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/not a hubcheck snapshot/);
  });
});
