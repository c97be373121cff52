/** How the console words and formats what the journal holds. */
import { formatAmount, formatDateTimeNumeric as formatInstant } from '../../../contract/locale';
import type { SyncProgress } from './sync-adapter';
import type { TransactionStatus } from './types';

export const STATUS_LABELS: Record<TransactionStatus, string> = {
  ready: 'Ready',
  excluded: 'Excluded',
  'in-flight': 'Sending',
  synced: 'In Xero',
  failed: 'Failed',
  changed: 'Changed since sync',
};

export const STATUS_ORDER: readonly TransactionStatus[] = ['ready', 'failed', 'changed', 'in-flight', 'synced', 'excluded'];

export type Tone = 'neutral' | 'progress' | 'good' | 'attention' | 'problem';

export const STATUS_TONES: Record<TransactionStatus, Tone> = {
  ready: 'progress',
  excluded: 'neutral',
  'in-flight': 'progress',
  synced: 'good',
  failed: 'problem',
  changed: 'attention',
};

// Dates, times, amounts and counts are the app's one locale module's (Irish English); re-exported for the console's parts.
export { formatAmount, formatDate, formatDayOf, formatTime, plural } from '../../../contract/locale';

/** An instant as 26/10/2026 21:26 (compact, for lists and lines); a dash when there is none. */
export function formatDateTime(iso: string | null): string {
  return iso ? formatInstant(iso) : '—';
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A reason as a sentence: capital first, full stop last (unless it already ends like one). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}

/** Xero's rate limit during a run: the wait, or the calls left; nothing when Xero said nothing. */
export function rateLimitText(progress: SyncProgress): string | undefined {
  const limit = progress.rateLimit;
  if (!limit) return undefined;
  if (limit.waitingSeconds && limit.waitingSeconds > 0) return `Waiting ${formatDuration(limit.waitingSeconds)} for Xero’s rate limit`;
  const parts: string[] = [];
  if (limit.minuteRemaining !== undefined) parts.push(`${limit.minuteRemaining} calls left this minute`);
  if (limit.dayRemaining !== undefined) parts.push(`${limit.dayRemaining.toLocaleString('en-IE')} today`);
  return parts.length ? `Xero allows ${parts.join(', ')}` : undefined;
}

export { messageAndFix as errorText } from '../host/failure';

/** Xero's words for an invoice's Status and LineAmountTypes, as its own screens say them. */
export const INVOICE_STATUS_WORDS: Readonly<Record<string, string>> = { DRAFT: 'Draft', SUBMITTED: 'Awaiting approval', AUTHORISED: 'Approved' };
export const AMOUNT_TYPE_WORDS: Readonly<Record<string, string>> = { Exclusive: 'Prices exclude VAT', Inclusive: 'Prices include VAT', NoTax: 'No VAT' };

/** Bytes → base64 in slices, so a large export never hits the argument limit of String.fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  return btoa(binary);
}

/** Ireland's standard VAT rate: the example's rate when the chosen Xero tax rate's name gives none. */
const STANDARD_VAT_PERCENT = 23;

/**
 * What "Prices include VAT" changes, on a price of 100 at the rate named in the chosen Xero tax rate ("23% VAT on
 * Income" → 23), rounded to the cent as Xero rounds a line: 100 included → 81.30 + 18.70; 100 excluded → 100 + 23.
 */
export function vatExample(taxRateName: string | undefined, currency = 'EUR'): { percent: number; included: { net: string; vat: string }; excluded: { net: string; vat: string }; price: string } {
  const named = /(\d+(?:\.\d+)?)\s*%/.exec(taxRateName ?? '');
  const percent = named ? Number(named[1]) : STANDARD_VAT_PERCENT;
  const cents = 10_000;
  const includedNet = Math.round(cents / (1 + percent / 100));
  const excludedVat = Math.round((cents * percent) / 100);
  const money = (c: number) => formatAmount((c / 100).toFixed(2), currency);
  return {
    percent,
    price: money(cents),
    included: { net: money(includedNet), vat: money(cents - includedNet) },
    excluded: { net: money(cents), vat: money(excludedVat) },
  };
}
