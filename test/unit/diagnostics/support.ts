/**
 * A connected, configured profile on the real sandbox for the diagnostics specs: credentials of the sandbox's Web app,
 * a full sign-in to Liffey Training Academy, account codes and the tax rate set, one CourseCo transaction imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { DiagnosticsReport } from '../../../main/diagnostics/types';
import { importExport } from '../../../main/sync/import';
import { followAuthorizeUrl, nextAuthorizeUrl, type Harness } from '../xero/support/sandbox-harness';

export const FIXTURE = path.resolve(__dirname, '../../fixtures/courseco/single-line.transactions.csv');

/** Plays the browser for one connect; returns the connect outcome (never throws). */
export async function connectOnce(services: AppServices, consent: string | undefined = 'first') {
  const urlPromise = nextAuthorizeUrl(services);
  const outcome = services.connection.connect({}).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const url = await Promise.race([urlPromise, outcome.then(() => undefined)]);
  if (url) await followAuthorizeUrl(url, consent);
  return outcome;
}

export async function healthyProfile(h: Harness, overrides: Parameters<Harness['services']>[0] = {}): Promise<AppServices> {
  const services = h.services(overrides);
  await services.connection.setCredentials(h.web);
  const outcome = await connectOnce(services);
  if (!outcome.ok) throw outcome.error;
  services.settings.update({ 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' });
  const imported = importExport(services.journal(), { bytes: readFileSync(FIXTURE), fileName: 'transactions.csv', amountsIncludeTax: false });
  expect(imported.status).toBe('imported');
  return services;
}

export async function run(services: AppServices): Promise<DiagnosticsReport> {
  return (await services.handlers['diagnostics.run']({})) as DiagnosticsReport;
}

export function check(report: DiagnosticsReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** The named checks fail; every other check passes (or, where listed, is not run / only warns). */
export function expectOnly(report: DiagnosticsReport, failing: string[], allowed: Record<string, Array<'warn' | 'not-run'>> = {}) {
  // These profiles never compare with Xero: "the books match" has nothing to say yet.
  const allow: Record<string, Array<'warn' | 'not-run'>> = { 'books-match': ['not-run'], ...allowed };
  const statuses = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
  const expected = Object.fromEntries(
    report.checks.map((c) => [c.id, failing.includes(c.id) ? 'fail' : allow[c.id]?.includes(c.status as 'warn' | 'not-run') ? c.status : 'pass']),
  );
  expect(statuses, JSON.stringify(report.checks.filter((c) => c.status !== 'pass'), null, 1)).toEqual(expected);
}
