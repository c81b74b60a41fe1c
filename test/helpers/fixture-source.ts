/**
 * A fake data layer for rule unit tests: a DataSource whose answers come from a
 * fixture keyed by accessor id. An answer is a value, a DataUnavailable to
 * throw, or a function of (arguments, Region). The source records which
 * accessors were read, so a test can check them against requiredActions.
 */
import type { Accessor, Json } from '../../src/data/accessor.js';
import type { DataSource, ReadScope } from '../../src/data/layer.js';
import type { CallerIdentity } from '../../src/data/sts.js';
import { DataUnavailable, type UnavailableReason } from '../../src/data/errors.js';

/** What a read answers: a value, a DataUnavailable to throw, or a function `(args: Json[], region) => value`. */
export type FixtureAnswer = unknown;
export type Fixture = Record<string, FixtureAnswer>;

export const TEST_ACCOUNT = '123456789012';
export const TEST_IDENTITY: CallerIdentity = {
  account: TEST_ACCOUNT,
  arn: `arn:aws:iam::${TEST_ACCOUNT}:user/tester`,
  userId: 'AIDATESTER',
  partition: 'aws',
};

export class FixtureSource implements DataSource {
  readonly used = new Set<Accessor>();
  readonly reads: { id: string; region: string; args: Json[] }[] = [];

  constructor(
    private readonly fixture: Fixture,
    private readonly who: CallerIdentity = TEST_IDENTITY,
  ) {}

  async identity(): Promise<CallerIdentity> {
    return this.who;
  }

  async fetch(accessor: Accessor, scope: ReadScope, args: Json[]): Promise<unknown> {
    this.used.add(accessor);
    this.reads.push({ id: accessor.id, region: scope.region, args });
    if (!(accessor.id in this.fixture)) throw new Error(`the test fixture has no answer for ${accessor.id}`);
    const answer = this.fixture[accessor.id];
    const value = typeof answer === 'function' ? (answer as (a: Json[], r: string) => unknown)(args, scope.region) : answer;
    if (value instanceof DataUnavailable) throw value;
    return structuredClone(value);
  }
}

/** The DataUnavailable a denied call produces. */
export function denied(action: string, region = 'us-east-1', reason: UnavailableReason = 'access-denied'): DataUnavailable {
  return new DataUnavailable({
    action,
    reason,
    code: reason === 'access-denied' ? 'AccessDenied' : 'ServiceUnavailable',
    region,
    message: `User: arn:aws:iam::${TEST_ACCOUNT}:user/tester is not authorized to perform: ${action}`,
  });
}
