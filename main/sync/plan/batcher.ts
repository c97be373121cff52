/**
 * Cutting a phase's documents into requests: at most `size` (≤ 50) documents each — Xero's practical ceiling — and
 * never more than ~3 MB of JSON (Xero refuses bodies over 3.5 MB), keeping the planner's order.
 */
import { MAX_BATCH } from './planner';

export const MAX_BATCH_BYTES = 3_000_000;

export function clampBatchSize(size: number | undefined): number {
  if (size === undefined || !Number.isFinite(size)) return MAX_BATCH;
  return Math.min(MAX_BATCH, Math.max(1, Math.trunc(size)));
}

export function batches<T>(items: readonly T[], size: number, bytesOf: (item: T) => number = () => 0, maxBytes = MAX_BATCH_BYTES): T[][] {
  const limit = clampBatchSize(size);
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = bytesOf(item);
    if (current.length > 0 && (current.length >= limit || bytes + itemBytes > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Requests needed for `count` documents at `size` per request. */
export const requestsFor = (count: number, size: number) => Math.ceil(count / clampBatchSize(size));
