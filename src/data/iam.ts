/** IAM reads. IAM is global: every accessor here answers once per account. */
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  paginateListVirtualMFADevices,
  type PasswordPolicy,
} from '@aws-sdk/client-iam';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataUnavailable } from '../engine/errors.js';
import { collect, defineAccessor, errorName } from './accessor.js';
import { parseCredentialReport, type CredentialReport } from './credential-report.js';

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user the device is assigned to; `arn:<partition>:iam::<account>:root` for the root user. */
  userArn: string | null;
  enableDate: string | null;
}

export const iam = {
  /** GetAccountSummary's SummaryMap: AccountMFAEnabled, AccountAccessKeysPresent, Users, ... */
  accountSummary: defineAccessor({
    global: true,
    actions: ['iam:GetAccountSummary'],
    async fetch(ctx): Promise<Record<string, number>> {
      const out = await ctx.client(IAMClient).send(new GetAccountSummaryCommand({}));
      return { ...out.SummaryMap };
    },
  }),

  /** The account password policy; null when the account has none (NoSuchEntity). */
  passwordPolicy: defineAccessor({
    global: true,
    actions: ['iam:GetAccountPasswordPolicy'],
    async fetch(ctx): Promise<PasswordPolicy | null> {
      try {
        const out = await ctx.client(IAMClient).send(new GetAccountPasswordPolicyCommand({}));
        return out.PasswordPolicy ?? null;
      } catch (error) {
        if (errorName(error) === 'NoSuchEntityException' || errorName(error) === 'NoSuchEntity') return null;
        throw error;
      }
    },
  }),

  virtualMfaDevices: defineAccessor({
    global: true,
    actions: ['iam:ListVirtualMFADevices'],
    async fetch(ctx): Promise<VirtualMfaDevice[]> {
      const devices = await collect(
        paginateListVirtualMFADevices({ client: ctx.client(IAMClient) }, { AssignmentStatus: 'Any' }),
        (page) => page.VirtualMFADevices,
      );
      return devices.map((d) => ({
        serialNumber: d.SerialNumber ?? '',
        userArn: d.User?.Arn ?? null,
        enableDate: d.EnableDate?.toISOString() ?? null,
      }));
    },
  }),

  /**
   * The credential report: asks IAM to generate it, polls until it is COMPLETE
   * (backing off up to 4 s between polls), then downloads and parses the CSV.
   */
  credentialReport: defineAccessor({
    global: true,
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    async fetch(ctx): Promise<CredentialReport> {
      const client = ctx.client(IAMClient);
      const deadline = Date.now() + ctx.options.credentialReportTimeoutMs;
      let wait = ctx.options.credentialReportPollMs;
      for (;;) {
        const generated = await client.send(new GenerateCredentialReportCommand({}));
        if (generated.State === 'COMPLETE') {
          try {
            const report = await client.send(new GetCredentialReportCommand({}));
            const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
            return parseCredentialReport(csv, report.GeneratedTime?.toISOString() ?? null);
          } catch (error) {
            // Expired or regenerating between the two calls: generate again.
            if (!['ReportInProgress', 'ReportExpired', 'ReportNotPresent'].some((c) => errorName(error)?.startsWith(c))) {
              throw error;
            }
          }
        }
        if (Date.now() + wait > deadline) {
          throw new DataUnavailable({
            action: 'iam:GenerateCredentialReport',
            reason: 'service-error',
            code: 'ReportTimeout',
            region: ctx.region,
            message: `the credential report was not ready after ${ctx.options.credentialReportTimeoutMs} ms`,
          });
        }
        await sleep(wait);
        wait = Math.min(wait * 2, 4_000);
      }
    },
  }),
};
