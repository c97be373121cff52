/** The words and numbers the renderer shows: console formatting, the status bar's connection label, failures. */
import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, STATUS_ORDER, STATUS_TONES, formatAmount, formatDate, formatDateTime, formatDuration, plural, rateLimitText, sentence, toBase64, vatExample } from '../../../renderer/src/console/format';
import { connectionLabel } from '../../../renderer/src/frame/connection-label';
import { describeFailure, messageAndFix } from '../../../renderer/src/host/failure';
import { AssistantCallError } from '../../../contract/envelope';
import type { SyncProgress } from '../../../renderer/src/console/sync-adapter';

describe('console formatting', () => {
  it('names and orders every status once', () => {
    expect([...STATUS_ORDER].sort()).toEqual(Object.keys(STATUS_LABELS).sort());
    expect(Object.keys(STATUS_TONES).sort()).toEqual(Object.keys(STATUS_LABELS).sort());
    expect(STATUS_LABELS.synced).toBe('In Xero');
  });

  it('formats amounts in Irish English, with the currency when there is one', () => {
    expect(formatAmount('1234.5', 'EUR')).toBe('€1,234.50');
    expect(formatAmount('1234.5', null)).toBe('1,234.50');
    expect(formatAmount('-12', 'USD')).toBe('-US$12.00');
  });

  it('keeps what is not a number, and survives an unknown currency code', () => {
    expect(formatAmount('12O.00', 'EUR')).toBe('12O.00');
    expect(formatAmount('5', 'not a currency')).toBe('5.00');
  });

  it('writes dates the way people here read them', () => {
    expect(formatDate('2026-09-03')).toBe('3 Sep 2026');
    expect(formatDate('2026-12-31T10:00:00Z')).toBe('31 Dec 2026');
    expect(formatDate('31/02/2026')).toBe('31/02/2026');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('yesterday')).toBe('yesterday');
    expect(formatDateTime('2026-09-03T14:05:00Z')).toMatch(/^03\/09\/2026 \d{2}:05$/);
    expect(formatDateTime(new Date(2026, 9, 26, 21, 26).toISOString())).toBe('26/10/2026 21:26');
    expect(formatDateTime(new Date(2026, 0, 2, 0, 5).toISOString())).toBe('02/01/2026 00:05');
  });

  it('explains "Prices include VAT" on a price of 100, at the rate the chosen tax rate names', () => {
    expect(vatExample('23% VAT on Income')).toEqual({ percent: 23, price: '€100.00', included: { net: '€81.30', vat: '€18.70' }, excluded: { net: '€100.00', vat: '€23.00' } });
    expect(vatExample('Reduced 13.5%')).toMatchObject({ percent: 13.5, included: { net: '€88.11', vat: '€11.89' }, excluded: { vat: '€13.50' } });
    expect(vatExample('Standard Rate')).toMatchObject({ percent: 23 });
    expect(vatExample(undefined, 'GBP')).toMatchObject({ price: '£100.00' });
  });

  it('rounds durations to what a person needs', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3500)).toBe('58 min');
    expect(formatDuration(3600 + 25 * 60)).toBe('1 h 25 min');
  });

  it('counts in words, with grouping', () => {
    expect(plural(1, 'transaction')).toBe('1 transaction');
    expect(plural(0, 'transaction')).toBe('0 transactions');
    expect(plural(25000, 'row')).toBe('25,000 rows');
    expect(plural(2, 'child', 'children')).toBe('2 children');
  });

  it('makes a reason a sentence', () => {
    expect(sentence('  already in Xero ')).toBe('Already in Xero.');
    expect(sentence('Skipped!')).toBe('Skipped!');
  });

  it('says what Xero’s rate limit allows, or how long it makes us wait', () => {
    const progress = (rateLimit: SyncProgress['rateLimit']) => ({ rateLimit }) as SyncProgress;
    expect(rateLimitText(progress({}))).toBeUndefined();
    expect(rateLimitText(progress({ waitingSeconds: 30, minuteRemaining: 0 }))).toBe('Waiting 30 s for Xero’s rate limit');
    expect(rateLimitText(progress({ minuteRemaining: 55, dayRemaining: 4900 }))).toBe('Xero allows 55 calls left this minute, 4,900 today');
  });

  it('encodes bytes to base64, also past one slice', () => {
    expect(toBase64(new TextEncoder().encode('Safe Pass, €100'))).toBe(Buffer.from('Safe Pass, €100').toString('base64'));
    const big = new Uint8Array(0x8000 * 2 + 17).map((_, i) => i % 251);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});

describe('the status bar’s connection label', () => {
  it('says checking, unavailable (with the fix), and each connection state', () => {
    expect(connectionLabel({ phase: 'checking' })).toEqual({ tone: 'progress', title: 'Checking connection…', detail: undefined });
    expect(connectionLabel({ phase: 'unavailable', message: 'Closed.', fix: 'Start it again.' })).toMatchObject({ tone: 'problem', detail: 'Start it again.' });
    expect(connectionLabel({ phase: 'unavailable', message: 'Closed.', fix: undefined }).detail).toBe('Closed.');
    expect(connectionLabel({ phase: 'known', status: { state: 'connected', tenantId: 't-1', organisationName: 'Demo Company' } })).toEqual({ tone: 'good', title: 'Connected to Demo Company', detail: undefined });
    expect(connectionLabel({ phase: 'known', status: { state: 'connected', tenantId: 't-1' } }).title).toBe('Connected to Xero');
    // Signed in without an organisation (the one expected was not authorised): Setup says "not connected", so does this.
    expect(connectionLabel({ phase: 'known', status: { state: 'connected', reason: 'Signed in to Xero; choose the organisation CourseCo uses.' } })).toEqual({
      tone: 'attention',
      title: 'No organisation chosen',
      detail: 'Signed in to Xero; choose the organisation CourseCo uses.',
    });
    expect(connectionLabel({ phase: 'known', status: { state: 'reconnect-needed' } })).toMatchObject({ tone: 'attention', title: 'Reconnect needed' });
    expect(connectionLabel({ phase: 'known', status: { state: 'not-configured', reason: 'No credentials.' } }).detail).toBe('No credentials.');
  });
});

describe('failures in plain words', () => {
  it('keeps the message, fix, kind and evidence of a failed call', () => {
    const error = new AssistantCallError({ code: 'domain', kind: 'InvalidClientCredentials', message: 'Xero refused the credentials.', fix: 'Paste them again.', evidence: 'HTTP 401' });
    expect(describeFailure(error)).toEqual({ kind: 'InvalidClientCredentials', message: 'Xero refused the credentials.', fix: 'Paste them again.', evidence: 'HTTP 401' });
    expect(messageAndFix(error)).toEqual({ message: 'Xero refused the credentials.', fix: 'Paste them again.' });
  });

  it('has words for something that is not an error at all', () => {
    expect(messageAndFix('boom')).toEqual({ message: 'The assistant did not answer.', fix: undefined });
    expect(describeFailure(new Error('plain')).kind).toBeUndefined();
  });
});
