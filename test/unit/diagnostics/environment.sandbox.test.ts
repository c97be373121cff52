/**
 * The environment checks against the sandbox: granted scopes against the configured scope mode (granular vs broad),
 * the computer's clock against Xero's Date header, the rate-limit headroom Xero reported, and a keychain that does
 * not answer — each failing on purpose while the others keep running.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiagnosticsService } from '../../../main/diagnostics/diagnostics-service';
import { keychainUnavailable, type Keychain } from '../../../main/secrets/keychain';
import type { AppServices } from '../../../main/app/app-services';
import { startHarness, type Harness } from '../xero/support/sandbox-harness';
import { check, expectOnly, healthyProfile, run } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

function diagnosticsWith(services: AppServices, wallOffsetMs: number) {
  return createDiagnosticsService({
    host: 'cli',
    dataDir: h.dataDir,
    settings: services.settings,
    keychain: services.keychain,
    clock: services.clock,
    wallClock: { now: () => Date.now() + wallOffsetMs },
    connection: services.connection,
    journal: services.journal,
  });
}

describe('environment checks', () => {
  it('scopes: a granular sign-in checked against the broad mode fails naming the missing scope', async () => {
    const services = await healthyProfile(h);
    let report = await run(services);
    expect(check(report, 'scopes').evidence).toBe('Xero granted every permission the assistant needs (5).');
    expect(check(report, 'scopes').detail).toBe(
      'Granted (granular): offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings.read. Required (granular): offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings.read.',
    );
    services.settings.set('xero.scopes', 'broad');
    report = await run(services);
    expectOnly(report, ['scopes']);
    expect(check(report, 'scopes').evidence).toBe('Xero has not granted one permission the assistant needs: accounting.transactions.');
    expect(check(report, 'scopes').fix).toContain('apps created on or after 2 March 2026 take only Xero');
  });

  it('clock skew: ten minutes ahead fails, ninety seconds warns, in step passes', async () => {
    const services = await healthyProfile(h);
    const ahead = await diagnosticsWith(services, 10 * 60_000).run();
    expectOnly(ahead, ['clock-skew']);
    expect(check(ahead, 'clock-skew').evidence).toMatch(/^This computer's clock is 10 min ahead of Xero's \(\d\d:\d\d here, \d\d:\d\d at Xero\)\.$/);
    expect(check(ahead, 'clock-skew').detail).toMatch(/^Xero's Date header said \d{4}-.*; this computer said \d{4}-/);
    expect(check(ahead, 'clock-skew').fix).toContain('automatic date and time');
    expect(check(await diagnosticsWith(services, -90_000).run(), 'clock-skew')).toMatchObject({ status: 'warn', evidence: expect.stringContaining('behind Xero') });
    expect(check(await diagnosticsWith(services, 0).run(), 'clock-skew').status).toBe('pass');
  });

  it('a keychain that does not answer: keychain fails with the fix; checks needing the saved sign-in say why they did not run', async () => {
    const services = await healthyProfile(h);
    await services.dispose();
    const broken = (): never => {
      throw keychainUnavailable(new Error('Platform failure: DBus error: Failed to connect to socket /nonexistent/bus'), 'linux');
    };
    const locked: Keychain = {
      service: 'locked',
      get: async () => broken(),
      set: async () => broken(),
      delete: async () => broken(),
      probe: async () => {
        const problem = keychainUnavailable(new Error('Platform failure: DBus error: Failed to connect to socket /nonexistent/bus'), 'linux');
        return { available: false, reason: problem.message, fix: problem.fix ?? '' };
      },
    };
    const report = await run(h.services({ keychain: locked }));
    expect(check(report, 'keychain')).toMatchObject({ status: 'fail', evidence: expect.stringContaining('no password store the assistant can use'), fix: expect.stringContaining('unlock') });
    // The library's own words (a socket path, "DBus") stay out of what the person reads.
    expect(JSON.stringify(check(report, 'keychain'))).not.toMatch(/DBus|socket|Platform failure/);
    expect(check(report, 'connection-active')).toMatchObject({ status: 'not-run', evidence: expect.stringContaining('Keychain available') });
    expect(check(report, 'tenant-id').status).toBe('not-run');
    expect(check(report, 'sync-errors').status).toBe('pass');
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['keychain']);
  });
});

describe('client credentials format', () => {
  it('a malformed secret in the keychain (the Client ID pasted there behind the app\'s back) fails without showing it', async () => {
    const services = await healthyProfile(h);
    await h.keychain.set('client-secret', JSON.stringify({ v: 1, secret: h.web.clientId, issuer: h.sandbox.baseUrl }));
    const report = await run(services);
    const c = report.checks.find((x) => x.id === 'client-credentials')!;
    expect(c).toMatchObject({ status: 'fail', evidence: 'The Client Secret stored in the keychain is malformed: This looks like the Client ID pasted into the Client Secret field.' });
    expect(JSON.stringify(report)).not.toContain(h.web.clientId);
  });
});

describe('settings file', () => {
  it('a value that does not fit its setting fails settings-file, naming the key, the value and the way out', async () => {
    const services = await healthyProfile(h);
    expect(check(await run(services), 'settings-file').status).toBe('pass');
    const file = path.join(h.dataDir, 'settings.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.settings['xero.invoiceStatus'] = 'PAID';
    writeFileSync(file, JSON.stringify(raw));
    expect(check(await run(services), 'settings-file')).toMatchObject({
      status: 'fail',
      evidence: 'A saved setting holds a value the assistant cannot use, so its default is used for now.',
      fix: expect.stringContaining('Go through Setup again'),
      detail: expect.stringMatching(/xero\.invoiceStatus = "PAID".*config set xero\.invoiceStatus/),
    });
  });
});
