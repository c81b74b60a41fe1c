/**
 * CIS v7.0.0 4.10: access logging on AWS-managed web front ends (CloudFront
 * distributions, Application and Classic Load Balancers, API Gateway REST and
 * HTTP API stages). One judgement for every resource type: PASSED when the
 * service reports access logging on with a destination, FAILED when it is
 * off; a resource whose settings cannot be read is NOT_AVAILABLE naming the
 * action, and one gone since it was listed gets no result.
 */
import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, fail, pass, unavailable, type ReasonCodes, type ResourceRef, type RuleResult } from '../../src/engine/rule.js';

export const ACCESS_LOGGING_REASON_CODES = {
  ACCESS_LOGGING_ENABLED: 'Access logging is on and delivers to a destination.',
  ACCESS_LOGGING_DISABLED: 'Access logging is off.',
} as const satisfies ReasonCodes;

/** Where a resource's access logs go: a bucket or log-group name/ARN, or null when logging is off. */
export interface AccessLogging {
  destination: string | null;
}

export function judgeAccessLogging(resource: ResourceRef, label: string, logging: AccessLogging): RuleResult {
  if (logging.destination !== null) {
    return pass(resource, `${label} writes access logs to ${logging.destination}.`, {
      reasonCode: 'ACCESS_LOGGING_ENABLED',
      evidence: { accessLogDestination: logging.destination },
    });
  }
  return fail(resource, `${label} has access logging off. CIS v7.0.0 4.10 is a Manual recommendation: confirm no other log covers this front end.`, {
    reasonCode: 'ACCESS_LOGGING_DISABLED',
    evidence: { accessLogDestination: null },
  });
}

export interface LoggingReader<T> {
  resource(item: T): ResourceRef;
  /** Names the resource in reasons: "Application Load Balancer web". */
  label(item: T): string;
  /** The item's access-log settings; null when the item is gone. */
  read(item: T): Promise<AccessLogging | null>;
}

/** One result per item, read one by one. */
export async function judgeAccessLoggingOf<T>(items: readonly T[], reader: LoggingReader<T>): Promise<RuleResult[]> {
  const results = await Promise.all(
    items.map(async (item) => {
      const logging = await attempt(reader.read(item));
      if (logging instanceof DataUnavailable) return unavailable(reader.resource(item), logging);
      if (logging === null) return null;
      return judgeAccessLogging(reader.resource(item), reader.label(item), logging);
    }),
  );
  return results.filter((r) => r !== null);
}
