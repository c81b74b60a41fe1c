/**
 * Test doubles for the Security Hub side: a virtual clock, scans built by hand,
 * and a fake Security Hub behind aws-sdk-client-mock that stores findings per
 * Region, answers GetFindings unfiltered (as moto does) and can inject
 * throttling and FailedFindings.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  GetFindingsCommand,
  SecurityHubClient,
  type BatchImportFindingsCommandOutput,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { toFinding } from '../../src/asff/to-asff.js';
import { defineRule, type Rule, type RuleResult, type RuleScope } from '../../src/engine/rule.js';
import type { AccountScan, Evaluation, ScanIssue } from '../../src/engine/scan.js';
import type { Clock } from '../../src/securityhub/rate-limiter.js';

export const ACCOUNT = '123456789012';

/**
 * Virtual time: `sleep` queues a timer, and once the microtasks have settled
 * the earliest timer fires and the clock jumps to it. Hours pass in
 * milliseconds, in the right order.
 */
export class FakeClock implements Clock {
  t = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  private scheduled = false;

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.fire());
  }

  private fire(): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const at = this.timers[0]!.at;
    const due = this.timers.filter((t) => t.at === at);
    this.timers = this.timers.filter((t) => t.at !== at);
    this.t = Math.max(this.t, at);
    for (const timer of due) timer.resolve();
    if (this.timers.length > 0) this.schedule();
  }
}

/** A seeded pseudo-random generator (mulberry32), for reproducible injected failures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function testRule(id: string, scope: RuleScope = 'region', resourceType = 'AwsEc2SecurityGroup'): Rule {
  return defineRule<Record<never, never>>({
    id,
    title: `Test rule ${id}`,
    securityHubControlId: null,
    severity: 'HIGH',
    cis: { '5.0.0': '9.9' },
    scope,
    resourceType,
    requiredActions: [],
    remediation: { text: 'Fix it.', url: 'https://example.com/fix' },
    async evaluate() {
      return [];
    },
  });
}

export function evaluation(rule: Rule, region: string, results: RuleResult[], account = ACCOUNT): Evaluation {
  return { rule, account, region, partition: 'aws', results, durationMs: 1 };
}

export function accountScan(evaluations: Evaluation[], issues: ScanIssue[] = [], regions = ['us-east-1', 'eu-west-1']): AccountScan {
  return {
    identity: { account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: 'AIDA', partition: 'aws' },
    homeRegion: 'us-east-1',
    regions,
    regionDurations: {},
    evaluations,
    issues,
    startedAt: '2026-11-27T12:00:00.000Z',
    durationMs: 1,
  };
}

export function findingsOf(scans: AccountScan[], observedAt = '2026-11-27T12:00:00.000Z'): AwsSecurityFinding[] {
  return scans.flatMap((s) =>
    s.evaluations.flatMap((e) =>
      e.results.map((r) =>
        toFinding(r, { rule: e.rule, account: e.account, region: e.region, partition: 'aws', benchmarks: ['5.0.0'], observedAt, toolVersion: 'test' }),
      ),
    ),
  );
}

export interface BatchCall {
  region: string;
  ids: string[];
  bytes: number;
  at: number;
}

export interface FakeHubOptions {
  /** Regions where DescribeHub succeeds. */
  enabled: string[];
  clock?: Clock;
  /** Throw this instead of answering a BatchImportFindings call (called once per call). */
  throttle?: (call: BatchCall) => Error | undefined;
  /** A FailedFindings entry for this finding, or undefined to accept it. */
  reject?: (finding: AwsSecurityFinding, call: BatchCall) => { ErrorCode: string; ErrorMessage: string } | undefined;
  /** GetFindings page size. */
  pageSize?: number;
}

export function regionOf(arn: string | undefined): string {
  return arn?.split(':')[3] ?? '';
}

/** Errors shaped as the SDK throws them. */
export function awsError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}

/**
 * A fake Security Hub. Findings are stored per Region by Id (an update
 * replaces the finding); GetFindings ignores its filters like moto; the Region
 * of a call is the Region in its findings' ProductArn, or the client's.
 */
export function fakeSecurityHub(options: FakeHubOptions) {
  const mock = mockClient(SecurityHubClient);
  const store = new Map<string, Map<string, AwsSecurityFinding>>();
  const calls: BatchCall[] = [];
  const getFindingsCalls: { region: string; filters: unknown }[] = [];
  const regionStore = (region: string) => {
    let s = store.get(region);
    if (!s) store.set(region, (s = new Map()));
    return s;
  };
  const clientRegion = async (getClient: () => unknown) => {
    const client = getClient() as SecurityHubClient;
    return client.config.region();
  };

  mock.on(DescribeHubCommand).callsFake(async (_input, getClient) => {
    const region = await clientRegion(getClient);
    if (!options.enabled.includes(region)) throw awsError('InvalidAccessException', 401, `Account ${ACCOUNT} is not subscribed to AWS Security Hub`);
    return { HubArn: `arn:aws:securityhub:${region}:${ACCOUNT}:hub/default` };
  });
  mock.on(GetFindingsCommand).callsFake(async (input, getClient) => {
    const region = await clientRegion(getClient);
    getFindingsCalls.push({ region, filters: input.Filters });
    const all = [...regionStore(region).values()];
    const start = Number(input.NextToken ?? 0);
    const size = Math.min(input.MaxResults ?? 100, options.pageSize ?? 100);
    const page = all.slice(start, start + size);
    return { Findings: structuredClone(page), ...(start + size < all.length ? { NextToken: String(start + size) } : {}) };
  });
  mock.on(BatchImportFindingsCommand).callsFake(async (input: { Findings?: AwsSecurityFinding[] }): Promise<BatchImportFindingsCommandOutput> => {
    const findings: AwsSecurityFinding[] = input.Findings ?? [];
    const call: BatchCall = {
      region: regionOf(findings[0]?.ProductArn),
      ids: findings.map((f) => f.Id ?? ''),
      bytes: Buffer.byteLength(JSON.stringify(input)),
      at: options.clock?.now() ?? 0,
    };
    calls.push(call);
    const error = options.throttle?.(call);
    if (error) throw error;
    const failed: { Id: string; ErrorCode: string; ErrorMessage: string }[] = [];
    for (const f of findings) {
      const rejection = options.reject?.(f, call);
      if (rejection) failed.push({ Id: f.Id ?? '', ...rejection });
      else regionStore(regionOf(f.ProductArn)).set(f.Id ?? '', structuredClone(f));
    }
    return { FailedCount: failed.length, SuccessCount: findings.length - failed.length, FailedFindings: failed, $metadata: {} };
  });

  return {
    mock,
    store,
    calls,
    getFindingsCalls,
    seed(findings: AwsSecurityFinding[]) {
      for (const f of findings) regionStore(regionOf(f.ProductArn)).set(f.Id ?? '', structuredClone(f));
    },
    finding(region: string, id: string) {
      return store.get(region)?.get(id);
    },
  };
}

/** Checks a series of request times (ms) against a token bucket; returns the first violation, if any. */
export function bucketViolation(times: number[], rate: number, burst: number): string | undefined {
  let tokens = burst;
  let last = 0;
  for (const [i, t] of [...times].sort((a, b) => a - b).entries()) {
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
    tokens -= 1;
    if (tokens < -1e-6) return `request ${i} at ${t} ms exceeded ${rate}/s burst ${burst}`;
  }
  return undefined;
}
