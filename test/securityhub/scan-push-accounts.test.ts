/**
 * `scan --accounts ... --securityhub` against a fake Security Hub that keeps
 * findings per (account, Region) and knows the caller's account from the
 * credentials of each call: each account's findings go with its own session to
 * its own hub; an account whose hub is off, or whose role may not import, is
 * named and spooled without stopping the others; scan.json's record adds up.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  GetFindingsCommand,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AccountScan } from '../../src/engine/scan.js';
import { fail, pass } from '../../src/engine/rule.js';
import { pushRecord } from '../../src/securityhub/push-report.js';
import { RateLimiters } from '../../src/securityhub/rate-limiter.js';
import { UNSENT_FILE, pushGroups, pushScan } from '../../src/securityhub/scan-push.js';
import { FakeClock, accountScan, awsError, evaluation, findingsOf, seededRandom, testRule } from '../helpers/securityhub.js';
import { spoolOf } from '../helpers/spool.js';
import { coverageOf } from '../../src/domain/completeness.js';

const A = '111111111111';
const OFF = '222222222222';
const DENIED = '333333333333';
const sgRule = testRule('test-sg-closed', 'region');
const sg = (account: string, id: string, region: string) => ({ type: 'AwsEc2SecurityGroup', id: `arn:aws:ec2:${region}:${account}:security-group/${id}`, name: id });

afterEach(() => {
  mockClient(SecurityHubClient).restore();
  mockClient(STSClient).restore();
});

/** A scan of `account` in two Regions: one FAILED and one PASSED security group in each. */
function scanOf(account: string): AccountScan {
  const scan = accountScan(
    ['us-east-1', 'eu-west-1'].map((region) =>
      evaluation(sgRule, region, [fail(sg(account, `sg-open-${region}`, region), 'open'), pass(sg(account, `sg-ok-${region}`, region), 'closed')], account),
    ),
  );
  return { ...scan, identity: { ...scan.identity, account, arn: `arn:aws:sts::${account}:assumed-role/Audit/hubcheck` } };
}

/** Credentials whose access key names the account, as an assumed role's would act in it. */
const session = (account: string) => async () => ({ accessKeyId: `ASIA${account}`, secretAccessKey: 'secret', sessionToken: 'token' });

/** Per (account, Region) stores; the account of a call is read from its client's credentials. */
function multiAccountHub(options: { off: string[]; denied: string[] }) {
  const mock = mockClient(SecurityHubClient);
  const store = new Map<string, Map<string, AwsSecurityFinding>>();
  const imports: { account: string; region: string; accounts: string[] }[] = [];
  const who = async (getClient: () => unknown) => {
    const client = getClient() as SecurityHubClient;
    const credentials = await client.config.credentials();
    return { account: credentials.accessKeyId.replace(/^ASIA/, ''), region: await client.config.region() };
  };
  const at = (account: string, region: string) => {
    const key = `${account}/${region}`;
    if (!store.has(key)) store.set(key, new Map());
    return store.get(key)!;
  };
  mock.on(DescribeHubCommand).callsFake(async (_input, getClient) => {
    const { account, region } = await who(getClient);
    if (options.off.includes(account)) throw awsError('InvalidAccessException', 401, `Account ${account} is not subscribed to AWS Security Hub`);
    return { HubArn: `arn:aws:securityhub:${region}:${account}:hub/default` };
  });
  mock.on(GetFindingsCommand).callsFake(async (_input, getClient) => {
    const { account, region } = await who(getClient);
    return { Findings: structuredClone([...at(account, region).values()]) };
  });
  mock.on(BatchImportFindingsCommand).callsFake(async (input: { Findings?: AwsSecurityFinding[] }, getClient) => {
    const { account, region } = await who(getClient);
    const findings = input.Findings ?? [];
    imports.push({ account, region, accounts: [...new Set(findings.map((f) => f.AwsAccountId ?? ''))] });
    if (options.denied.includes(account)) {
      throw awsError('AccessDeniedException', 403, `User: arn:aws:sts::${account}:assumed-role/Audit/hubcheck is not authorized to perform: securityhub:BatchImportFindings`);
    }
    const failed = findings.filter((f) => f.AwsAccountId !== account).map((f) => ({ Id: f.Id ?? '', ErrorCode: 'AccessDeniedException', ErrorMessage: 'not your account' }));
    for (const f of findings) if (f.AwsAccountId === account) at(account, region).set(f.Id ?? '', structuredClone(f));
    return { SuccessCount: findings.length - failed.length, FailedCount: failed.length, FailedFindings: failed };
  });
  return { store, imports, at };
}

describe('pushScan over several accounts', () => {
  const scans = [scanOf(A), scanOf(OFF), scanOf(DENIED)];
  const findings = findingsOf(scans);
  const sessions = new Map([A, OFF, DENIED].map((account) => [account, session(account)]));
  const execution = { findings, scans, coverage: coverageOf(scans), homeRegion: 'us-east-1', observedAt: '2026-11-27T12:00:00.000Z', sessions };

  it('groups findings by the session of their account, and leaves the rest to the caller', () => {
    const groups = pushGroups(execution);
    expect(groups.map((g) => [g.identity?.account, g.findings.length, g.scopes.length])).toEqual([
      [A, 4, 2],
      [OFF, 4, 2],
      [DENIED, 4, 2],
    ]);
    expect(groups.every((g) => g.findings.every((f) => f.AwsAccountId === g.identity?.account))).toBe(true);
    // A replayed scan has no sessions: everything goes with the caller's credentials, as one account.
    const replayed = pushGroups({ ...execution, sessions: undefined });
    expect(replayed.map((g) => [g.identity, g.findings.length])).toEqual([[undefined, 12]]);
  });

  it("sends each account's findings with its own session to its own hub, names the others and spools their findings", async () => {
    const hub = multiAccountHub({ off: [OFF], denied: [DENIED] });
    // No STS call is needed: each account's identity is known from its scan.
    const sts = mockClient(STSClient).on(GetCallerIdentityCommand).rejects(new Error('not expected'));
    const outputDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-accounts-push-'));
    let stderr = '';
    const sink = { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream;
    const clock = new FakeClock();
    const outcome = await pushScan({ ...execution, findings: spoolOf(findings) }, { outputDir }, sink, {
      clock,
      random: seededRandom(3),
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
      limiters: new RateLimiters(clock),
    });
    expect(sts.calls()).toHaveLength(0);

    // A's findings, each once, in A's hub of their own Region; nothing in the others' hubs.
    for (const region of ['us-east-1', 'eu-west-1']) {
      const own = findings.filter((f) => f.AwsAccountId === A && f.ProductArn?.includes(`:${region}:`)).map((f) => f.Id).sort();
      expect([...hub.at(A, region).keys()].sort()).toEqual(own);
      expect(hub.at(OFF, region).size + hub.at(DENIED, region).size).toBe(0);
    }
    // Every import call carried only the calling account's findings.
    expect(hub.imports.every((c) => c.accounts.length === 1 && c.accounts[0] === c.account)).toBe(true);
    expect(new Set(hub.imports.map((c) => c.account))).toEqual(new Set([A, DENIED]));

    // The other two are named, with why, and their 8 findings are in unsent.asff.json.
    expect(outcome.complete).toBe(false);
    expect(stderr).toMatch(/Security Hub 111111111111 us-east-1: sent 2, failed 0, archived 0, resolved 0/);
    expect(stderr).toContain(`Security Hub is not enabled in us-east-1 for account ${OFF} (InvalidAccessException`);
    expect(stderr).toContain(`Security Hub: account ${OFF}: 4 findings not sent (Security Hub not enabled in eu-west-1, us-east-1)`);
    expect(stderr).toMatch(new RegExp(`Security Hub ${DENIED} us-east-1: 2 findings not imported: AccessDeniedException: .*securityhub:BatchImportFindings`));
    expect(stderr).toContain(`Security Hub: account ${DENIED}: 4 findings not sent (findings refused by BatchImportFindings)`);
    const unsent = JSON.parse(await readFile(path.join(outputDir, UNSENT_FILE), 'utf8')) as AwsSecurityFinding[];
    expect(unsent.map((f) => f.Id).sort()).toEqual(findings.filter((f) => f.AwsAccountId !== A).map((f) => f.Id).sort());

    // scan.json's record: per account and Region.
    const record = pushRecord(outcome.result, outcome.unsentFile);
    expect(record.unsent).toBe(8);
    expect(record.accounts.map((a) => [a.account, a.sent, a.failed])).toEqual([
      [A, 4, 0],
      [OFF, 0, 4],
      [DENIED, 0, 4],
    ]);
    expect(record.accounts[1]?.regions.map((r) => [r.region, r.state])).toEqual([
      ['eu-west-1', 'not-enabled'],
      ['us-east-1', 'not-enabled'],
    ]);
  });

  it('a second run sends the same findings again as updates: still each Id once per hub', async () => {
    const hub = multiAccountHub({ off: [], denied: [] });
    const outputDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-accounts-push-'));
    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    const first = await pushScan({ ...execution, findings: spoolOf(findings) }, { outputDir }, sink);
    const second = await pushScan({ ...execution, findings: spoolOf(findings) }, { outputDir }, sink);
    expect([first.complete, second.complete]).toEqual([true, true]);
    for (const account of [A, OFF, DENIED]) {
      expect(hub.at(account, 'us-east-1').size + hub.at(account, 'eu-west-1').size).toBe(4);
    }
    expect(second.result.regions.every((r) => r.sent === 2 && r.archived === 0)).toBe(true);
  });
  it('reads one account of the spool at a time, and no more accounts than are being pushed', async () => {
    const accounts = Array.from({ length: 12 }, (_, i) => String(100000000000 + i));
    const many = accounts.map(scanOf);
    const hub = multiAccountHub({ off: [], denied: [] });
    const spool = spoolOf(findingsOf(many));
    // Count the accounts read from the spool against the accounts whose push has finished.
    let read = 0;
    let mostAhead = 0;
    const groups = spool.groups.bind(spool);
    spool.groups = function* () {
      for (const group of groups()) {
        read++;
        const done = new Set(hub.imports.map((i) => i.account)).size;
        mostAhead = Math.max(mostAhead, read - done);
        yield group;
      }
    };
    const outputDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-accounts-push-'));
    const outcome = await pushScan(
      { findings: spool, scans: many, coverage: coverageOf(many), homeRegion: 'us-east-1', observedAt: '2026-11-27T12:00:00.000Z', sessions: new Map(accounts.map((a) => [a, session(a)])) },
      { outputDir },
      { write: () => true } as unknown as NodeJS.WritableStream,
    );
    expect(outcome.complete).toBe(true);
    expect(read).toBe(12);
    for (const account of accounts) expect(hub.at(account, 'us-east-1').size + hub.at(account, 'eu-west-1').size).toBe(4);
    // Four accounts are pushed at once; the fifth is read only when one of them is done.
    expect(mostAhead).toBeLessThanOrEqual(5);
    expect(mostAhead).toBeGreaterThan(1);
  });
});
