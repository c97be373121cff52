/**
 * Channels of features that land separately (sync, diagnostics), called by name when the host offers them. The
 * wizard checks each answer's shape itself, so it keeps working — and says what is missing — whichever features this
 * build has.
 */
import { assistant } from '../host/assistant';

type LooseApi = Record<string, Record<string, ((args: unknown) => Promise<unknown>) | undefined> | undefined>;

export function hasChannel(group: string, method: string): boolean {
  return typeof (assistant() as unknown as LooseApi)[group]?.[method] === 'function';
}

export async function callOptional(group: string, method: string, args: unknown): Promise<unknown> {
  const fn = (assistant() as unknown as LooseApi)[group]?.[method];
  if (!fn) throw new Error(`This build has no ${group}.${method} yet.`);
  return fn(args);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
