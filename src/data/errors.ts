/**
 * The data layer's one error: a read it could not make. A leaf module (it imports
 * nothing from the project), so the engine, rules and reports may all name it.
 */

export type UnavailableReason =
  | 'access-denied' // the caller lacks a permission: `action` names it
  | 'opt-in' // the Region is not enabled for the account
  | 'throttled' // still throttled after every retry
  | 'not-recorded' // replay: the snapshot holds no answer for this read
  | 'timed-out' // no answer within the call's or the scan's deadline
  | 'malformed-response' // an answer that lacks, or garbles, a field the read needs
  | 'service-error'; // anything else the service or the network answered

export interface DataUnavailableInit {
  /** IAM action of the read that failed, e.g. `iam:GetAccountSummary`. */
  action: string;
  reason: UnavailableReason;
  /** Error code from AWS (`AccessDenied`, `OptInRequired`, ...). */
  code: string;
  region: string;
  message: string;
}

/**
 * A read the data layer could not make. Never turned into an empty answer: the
 * engine reports it as NOT_AVAILABLE, naming the action that failed.
 */
export class DataUnavailable extends Error {
  override readonly name = 'DataUnavailable';
  readonly action: string;
  readonly reason: UnavailableReason;
  readonly code: string;
  readonly region: string;

  constructor(init: DataUnavailableInit) {
    super(init.message);
    this.action = init.action;
    this.reason = init.reason;
    this.code = init.code;
    this.region = init.region;
  }

  /** One line for a finding's reason, e.g. "Missing permission iam:GetAccountSummary (AccessDenied)". */
  describe(): string {
    switch (this.reason) {
      case 'access-denied':
        return `Missing permission ${this.action} (${this.code})`;
      case 'opt-in':
        return `Region ${this.region} is not enabled for this account (${this.code} on ${this.action})`;
      case 'throttled':
        return `${this.action} was still throttled after every retry (${this.code})`;
      case 'not-recorded':
        return `The snapshot holds no answer for ${this.action} in ${this.region}`;
      case 'timed-out':
        return `${this.action} in ${this.region} timed out: ${truncate(this.message, 300)}`;
      case 'malformed-response':
        return `${this.action} in ${this.region} gave a malformed answer: ${truncate(this.message, 300)}`;
      case 'service-error':
        // A message that already leads with its code ("HTTP 500 after 3 attempts") is not prefixed twice.
        return this.message.startsWith(this.code)
          ? `${this.action} in ${this.region}: ${truncate(this.message, 300)}`
          : `${this.action} failed: ${this.code}: ${truncate(this.message, 300)}`;
    }
  }

  toJSON(): DataUnavailableInit {
    return {
      action: this.action,
      reason: this.reason,
      code: this.code,
      region: this.region,
      message: this.message,
    };
  }
}

export function isDataUnavailable(error: unknown): error is DataUnavailable {
  return error instanceof DataUnavailable;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
