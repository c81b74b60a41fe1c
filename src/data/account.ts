/** AWS Account Management reads. The service is global: one answer per account. */
import type { AlternateContactType } from '@aws-sdk/client-account';
import { defineAccessor, errorName } from './accessor.js';
import { required } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const accountSdk = () => import('@aws-sdk/client-account');

export interface AlternateContact {
  type: string;
  name: string | null;
  title: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
}

export const account = {
  /** One alternate contact (BILLING, OPERATIONS or SECURITY); null when none is registered (ResourceNotFoundException). */
  alternateContact: defineAccessor({
    global: true,
    actions: ['account:GetAlternateContact'],
    async fetch(ctx, type: string): Promise<AlternateContact | null> {
      const { AccountClient, GetAlternateContactCommand } = await accountSdk();
      try {
        const out = await ctx
          .client(AccountClient)
          .send(new GetAlternateContactCommand({ AlternateContactType: type as AlternateContactType }));
        // "None registered" is ResourceNotFoundException; a 200 without the contact is a broken answer.
        const contact = required(out.AlternateContact, 'AlternateContact', 'account:GetAlternateContact');
        return {
          type: contact.AlternateContactType ?? type,
          name: contact.Name ?? null,
          title: contact.Title ?? null,
          emailAddress: contact.EmailAddress ?? null,
          phoneNumber: contact.PhoneNumber ?? null,
        };
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return null;
        throw error;
      }
    },
  }),
};
