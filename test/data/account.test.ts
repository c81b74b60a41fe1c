import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessDeniedException, AccountClient, GetAlternateContactCommand, ResourceNotFoundException } from '@aws-sdk/client-account';
import { DataUnavailable } from '../../src/data/errors.js';
import { mockedLiveSource } from '../helpers/live.js';

const account = mockClient(AccountClient);
afterEach(() => account.reset());

describe('Account accessors', () => {
  it('reads one alternate contact by type, once per account whichever Region asks', async () => {
    account.on(GetAlternateContactCommand).resolves({
      AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Sec Team', Title: 'CISO', EmailAddress: 'sec@example.com', PhoneNumber: '+1 555 0100' },
    });
    const { data } = mockedLiveSource();
    const [a, b] = await Promise.all([data().account.alternateContact('SECURITY'), data('eu-west-1').account.alternateContact('SECURITY')]);
    expect(a).toBe(b);
    expect(a).toEqual({ type: 'SECURITY', name: 'Sec Team', title: 'CISO', emailAddress: 'sec@example.com', phoneNumber: '+1 555 0100' });
    expect(account.commandCalls(GetAlternateContactCommand)).toHaveLength(1);
    expect(account.commandCalls(GetAlternateContactCommand)[0]?.args[0].input).toEqual({ AlternateContactType: 'SECURITY' });
  });

  it('answers null, not an error, when no contact of that type is registered', async () => {
    account.on(GetAlternateContactCommand).rejects(new ResourceNotFoundException({ $metadata: {}, message: 'No contact of the inputted alternate contact type found.' }));
    const { data } = mockedLiveSource();
    expect(await data().account.alternateContact('SECURITY')).toBeNull();
  });

  it('turns a denied call into a DataUnavailable naming account:GetAlternateContact', async () => {
    account.on(GetAlternateContactCommand).rejects(new AccessDeniedException({ $metadata: { httpStatusCode: 403 }, message: 'denied' }));
    const { data } = mockedLiveSource();
    const error = await data().account.alternateContact('SECURITY').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataUnavailable);
    expect((error as DataUnavailable).describe()).toBe('Missing permission account:GetAlternateContact (AccessDeniedException)');
  });
});
