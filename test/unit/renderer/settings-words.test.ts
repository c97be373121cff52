/**
 * The Settings page's words for what Xero granted and where the organisation is: Xero's scope names and ISO codes
 * never reach the screen as such; a scope the table does not know is still listed, so nothing granted hides.
 */
import { describe, expect, it } from 'vitest';
import { countryName, currencyName, dayInWords } from '../../../renderer/src/components/place-names';
import { scopeInWords, scopesInWords } from '../../../renderer/src/settings/scope-words';

describe('scopes in plain words', () => {
  it('says what each broad and granular scope lets the assistant do, telling reading from changing', () => {
    expect(scopeInWords('accounting.transactions')).toBe('Create and read invoices, payments and credit notes');
    expect(scopeInWords('accounting.transactions.read')).toBe('Read invoices, payments and credit notes');
    expect(scopeInWords('accounting.invoices')).toBe('Create and read invoices and credit notes');
    expect(scopeInWords('accounting.payments')).toBe('Record and read payments');
    expect(scopeInWords('accounting.contacts')).toBe('Create and read contacts (your customers)');
    expect(scopeInWords('accounting.settings.read')).toBe('Read the chart of accounts, tax rates and tracking');
    expect(scopeInWords('accounting.reports.profitandloss.read')).toBe('Read reports: profit and loss');
    expect(scopeInWords('offline_access')).toMatch(/60 days/);
  });

  it('lists organisation permissions apart from the sign-in ones, says a write-and-read pair once, and keeps unknown ones', () => {
    const words = scopesInWords('openid profile email offline_access accounting.invoices accounting.invoices.read accounting.payments accounting.contacts accounting.settings.read accounting.future');
    expect(words.organisation).toEqual([
      'Create and read invoices and credit notes',
      'Record and read payments',
      'Create and read contacts (your customers)',
      'Read the chart of accounts, tax rates and tracking',
      'A permission Xero calls “accounting.future”',
    ]);
    expect(words.signIn).toHaveLength(4);
    for (const line of [...words.organisation.slice(0, 4), ...words.signIn]) expect(line).not.toMatch(/accounting\.|offline_access|openid/);
    expect(scopesInWords(undefined)).toEqual({ organisation: [], signIn: [] });
  });
});

describe('places and dates in words', () => {
  it('names countries and currencies, Irish English, and dates like 26 Oct 2026', () => {
    expect(countryName('IE')).toBe('Ireland');
    expect(countryName('GB')).toBe('United Kingdom');
    expect(currencyName('EUR')).toBe('Euro (€)');
    expect(currencyName('GBP')).toBe('British Pound (£)');
    expect(countryName(undefined)).toBeUndefined();
    expect(dayInWords('2026-10-26T09:30:00Z')).toBe('26 Oct 2026');
    expect(dayInWords('not a date')).toBeUndefined();
  });
});
