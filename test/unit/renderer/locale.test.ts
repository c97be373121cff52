/**
 * The app's one locale module (contract/locale.ts): what a bookkeeper reads (Irish English) and the dates they type
 * into the shared date field (renderer/src/components/DateField.tsx), which keeps the ISO day for the code behind it.
 */
import { describe, expect, it } from 'vitest';
import { countryName, currencyName, formatAmount, formatDate, formatDateTime, formatDayNumeric, formatMonth, formatTime, parseDay, taxRateLabel } from '../../../contract/locale';

describe('reading a typed date, day first', () => {
  it.each([
    ['26/10/2026', '2026-10-26'],
    ['26/10/26', '2026-10-26'],
    ['26.10.2026', '2026-10-26'],
    ['26-10-2026', '2026-10-26'],
    ['2026-10-26', '2026-10-26'],
    [' 3/4/2026 ', '2026-04-03'],
    ['03/04/2026', '2026-04-03'],
    ['26 Oct 2026', '2026-10-26'],
    ['1 September 2026', '2026-09-01'],
    ['29/02/2028', '2028-02-29'],
  ])('%s → %s', (typed, iso) => {
    expect(parseDay(typed)).toEqual({ ok: true, iso });
  });

  it('never reads the month first: 10/26/2026 has no month 26', () => {
    expect(parseDay('10/26/2026')).toEqual({ ok: false, message: 'There is no month 26: enter the date as day/month/year, for example 26/10/2026.' });
  });

  it('refuses a day the month does not have, saying so', () => {
    expect(parseDay('31/02/2026')).toEqual({ ok: false, message: 'February 2026 has no day 31.' });
    expect(parseDay('29/02/2026')).toEqual({ ok: false, message: 'February 2026 has no day 29.' });
  });

  it.each(['', 'yesterday', '26/10', '26/10/2026/1', '2026/10', '26 Foo 2026', '26/10/202'])('refuses %j with the form to use', (typed) => {
    expect(parseDay(typed)).toEqual({ ok: false, message: 'Enter the date as day/month/year, for example 26/10/2026.' });
  });

  it('writes a day back in the form it is typed in', () => {
    expect(formatDayNumeric('2026-04-03')).toBe('03/04/2026');
    expect(parseDay(formatDayNumeric('2026-12-31'))).toEqual({ ok: true, iso: '2026-12-31' });
  });
});

describe('Irish English for what a bookkeeper reads', () => {
  it('amounts with the currency sign and grouping', () => {
    expect(formatAmount('1234.5', 'EUR')).toBe('€1,234.50');
    expect(formatAmount(1234.5, 'GBP')).toBe('£1,234.50');
    expect(formatAmount('1234.5', null)).toBe('1,234.50');
  });

  it('days, months, and times on the 24-hour clock without seconds', () => {
    expect(formatDate('2026-10-26')).toBe('26 Oct 2026');
    expect(formatMonth('2026-10')).toBe('October 2026');
    const evening = new Date(2026, 9, 26, 21, 26, 43);
    expect(formatTime(evening)).toBe('21:26');
    expect(formatTime(new Date(2026, 9, 26, 9, 5, 0))).toBe('09:05');
    expect(formatDateTime(evening)).toBe('26 Oct 2026 at 21:26');
    expect(formatDateTime(evening.toISOString())).not.toMatch(/PM|AM|T\d\d:|Z$/);
  });

  it('countries and currencies by name', () => {
    expect(countryName('IE')).toBe('Ireland');
    expect(countryName('gb')).toBe('United Kingdom');
    expect(currencyName('EUR')).toBe('Euro');
  });

  it('tax rates by name; a code only as the tax rate Xero calls it', () => {
    expect(taxRateLabel('OUTPUT2', new Map([['OUTPUT2', '23% (VAT on Income)']]))).toBe('23% (VAT on Income)');
    expect(taxRateLabel('TAX001', { TAX002: 'Exempt' })).toBe('the tax rate Xero calls TAX001');
    expect(taxRateLabel('TAX001')).toBe('the tax rate Xero calls TAX001');
  });
});
