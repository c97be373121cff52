/**
 * A stable fingerprint of a transaction's or payment's content. Row numbers are left out (re-sorting the report must
 * not mark everything changed), keys are sorted, and amounts are already canonical decimal strings, so the same
 * CourseCo data always hashes the same, whatever Excel did to the file's formatting.
 */
import { createHash } from 'node:crypto';
import type { CourseCoPayment, CourseCoTransaction } from './types';

export function contentHash(value: CourseCoTransaction | CourseCoPayment): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => key !== 'row' && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
}
