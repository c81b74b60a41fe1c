import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DataUnavailable } from '../../src/data/errors.js';
import { readAll } from '../../src/engine/rule.js';

const denied = (action: string) =>
  new DataUnavailable({ action, reason: 'access-denied', code: 'AccessDenied', region: 'us-east-1', message: 'denied' });

async function after<T>(ms: number, value: T | Error): Promise<T> {
  await sleep(ms);
  if (value instanceof Error) throw value;
  return value;
}

describe('readAll', () => {
  it('returns every value in argument order, whatever order they arrive in', async () => {
    const [a, b, c] = await readAll([after(30, 'vpcs'), after(0, 2), after(10, ['x'])]);
    expect([a, b, c]).toEqual(['vpcs', 2, ['x']]);
  });

  it('throws the failure of the first read in argument order, not the first to arrive', async () => {
    const slowFirst = after(40, denied('ec2:DescribeVpcs'));
    const fastSecond = after(0, denied('ec2:DescribeFlowLogs'));
    await expect(readAll([slowFirst, fastSecond])).rejects.toMatchObject({ action: 'ec2:DescribeVpcs' });
  });

  it('waits for every read before throwing, so no rejection is left unhandled', async () => {
    let finished = false;
    const late = after(30, 'late').then((v) => ((finished = true), v));
    await expect(readAll([after(0, denied('iam:GetUser')), late])).rejects.toBeInstanceOf(DataUnavailable);
    expect(finished).toBe(true);
  });
});
