/**
 * Macie reads. GetMacieSession answers `AccessDeniedException` in two cases:
 * when Macie is not enabled in the account and Region (message "Macie is not
 * enabled."), and when the caller lacks `macie2:GetMacieSession` (message
 * "User: ... is not authorized to perform: macie2:GetMacieSession ..."). Only
 * the message tells them apart, so the first becomes the value null and the
 * second stays an error (NOT_AVAILABLE naming the action). moto answers
 * `ResourceNotFoundException` for a disabled Macie; that too means "no session".
 */
import { defineAccessor, errorName } from './accessor.js';
import { requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const macie2Sdk = () => import('@aws-sdk/client-macie2');

export interface MacieSession {
  /** `ENABLED` or `PAUSED`. */
  status: string | null;
  findingPublishingFrequency: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** The message AWS gives when Macie is off; the same error code is used for a missing permission. */
export const MACIE_NOT_ENABLED = /Macie is not enabled/i;

/** Does this GetMacieSession error mean "Macie is not enabled here" (and not "you may not ask")? */
export function isMacieNotEnabled(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ResourceNotFoundException') return true;
  const message = error instanceof Error ? error.message : '';
  return name === 'AccessDeniedException' && MACIE_NOT_ENABLED.test(message);
}

export const macie2 = {
  /** The Macie session of the Region; null when Macie is not enabled there. */
  session: defineAccessor({
    actions: ['macie2:GetMacieSession'],
    async fetch(ctx): Promise<MacieSession | null> {
      const { GetMacieSessionCommand, Macie2Client } = await macie2Sdk();
      try {
        const out = await ctx.client(Macie2Client).send(new GetMacieSessionCommand({}));
        return {
          status: requiredString(out.status, 'status', 'macie2:GetMacieSession'),
          findingPublishingFrequency: out.findingPublishingFrequency ?? null,
          createdAt: out.createdAt ?? null,
          updatedAt: out.updatedAt ?? null,
        };
      } catch (error) {
        if (isMacieNotEnabled(error)) return null;
        throw error;
      }
    },
  }),
};
