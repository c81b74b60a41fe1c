/** AWS Organizations: the member accounts a management or delegated administrator account can list. */
import { collect, defineAccessor } from './accessor.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const organizationsSdk = () => import('@aws-sdk/client-organizations');

export interface OrganizationAccount {
  id: string;
  name: string;
  status: string;
}

export const organizations = {
  /** Every ACTIVE account of the organization (ListAccounts, paginated). */
  accounts: defineAccessor({
    global: true,
    actions: ['organizations:ListAccounts'],
    async fetch(ctx): Promise<OrganizationAccount[]> {
      const { OrganizationsClient, paginateListAccounts } = await organizationsSdk();
      const accounts = await collect(paginateListAccounts({ client: ctx.client(OrganizationsClient) }, {}), 'Accounts', 'organizations:ListAccounts');
      return accounts
        .map((a) => ({ id: a.Id ?? '', name: a.Name ?? '', status: a.Status ?? a.State ?? '' }))
        .filter((a) => a.id !== '' && (a.status === 'ACTIVE' || a.status === ''))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
  }),
};
