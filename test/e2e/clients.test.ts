/**
 * The client middleware against a real server (aws-sdk-client-mock replaces
 * `send`, so middleware only runs here): the read-only guard, call counting,
 * and errors tagged with the IAM action that was denied.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateAccessKeyCommand, CreateUserCommand, GetAccountSummaryCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ApiStats } from '../../src/data/api-stats.js';
import { ClientPool, ReadOnlyViolation, callErrorTag, createHttpHandler } from '../../src/data/clients.js';
import { LiveSource } from '../../src/data/live-source.js';
import { catalog } from '../../src/data/catalog.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { MOTO_URL, DUMMY, client, describeMoto, enforceAuth, resetMoto, type Credentials } from './moto.js';

describeMoto('ClientPool middleware on moto', () => {
  const handler = createHttpHandler();
  afterAll(() => handler.destroy());
  const pool = (credentials: Credentials = DUMMY, stats = new ApiStats()) =>
    new ClientPool({ credentials, stats, httpHandler: handler, endpoint: MOTO_URL, maxAttempts: 2 });

  beforeAll(async () => {
    await resetMoto();
  });

  it('refuses an operation that is not a read, before it reaches the service', async () => {
    const p = pool();
    await expect(p.get(IAMClient, 'us-east-1').send(new CreateUserCommand({ UserName: 'mallory' }))).rejects.toBeInstanceOf(
      ReadOnlyViolation,
    );
    const users = await client(IAMClient).send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).not.toContain('mallory');
  });

  it('allows a write only when the pool is told to', async () => {
    const p = pool();
    p.allowWrites(['iam:CreateUser']);
    await p.get(IAMClient, 'us-east-1').send(new CreateUserCommand({ UserName: 'allowed' }));
    const users = await client(IAMClient).send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toContain('allowed');
  });

  it('counts calls and HTTP attempts per operation, account and Region', async () => {
    const stats = new ApiStats();
    const p = pool(DUMMY, stats);
    p.setAccount('123456789012');
    await p.get(IAMClient, 'us-east-1').send(new GetAccountSummaryCommand({}));
    await p.get(IAMClient, 'us-east-1').send(new GetAccountSummaryCommand({}));
    const snapshot = stats.snapshot();
    expect(snapshot.byOperation).toEqual({ 'iam:GetAccountSummary': 2 });
    expect(snapshot.byScope['123456789012/us-east-1']).toMatchObject({ calls: 2, attempts: 2, throttles: 0 });
    expect(p.get(IAMClient, 'us-east-1')).toBe(p.get(IAMClient, 'us-east-1'));
    expect(p.get(EC2Client, 'us-east-1')).not.toBe(p.get(EC2Client, 'eu-west-1'));
  });

  it('tags a denied call with its IAM action, and the live source names it in a DataUnavailable', async () => {
    const iam = client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'limited' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'limited' }))).AccessKey;
    await enforceAuth(true);
    try {
      const p = pool({ accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' });
      const error = await p.get(IAMClient, 'us-east-1').send(new GetAccountSummaryCommand({})).catch((e: unknown) => e);
      expect(callErrorTag(error)).toEqual({ operation: 'iam:GetAccountSummary', action: 'iam:GetAccountSummary' });

      const source = new LiveSource(p);
      const failure = await source
        .fetch(catalog.ec2.securityGroups, { account: '123456789012', region: 'eu-west-1', partition: 'aws' }, [], () =>
          Promise.reject(new Error('unused')),
        )
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DataUnavailable);
      expect(failure).toMatchObject({ action: 'ec2:DescribeSecurityGroups', reason: 'access-denied', code: 'AccessDenied', region: 'eu-west-1' });
    } finally {
      await enforceAuth(false);
    }
  });
});
