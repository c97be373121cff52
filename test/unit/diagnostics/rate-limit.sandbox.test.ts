/**
 * Rate-limit headroom from the headers of Xero's last answers, on a sandbox whose daily limit is 30 calls: the check
 * fails with the remaining count and the fix, while the others still pass.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { createKeychain, type Keychain } from '../../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { importExport } from '../../../main/sync/import';
import { makeTempDir } from '../../support/temp-dir';
import { freePorts } from '../xero/support/sandbox-harness';
import { check, connectOnce, expectOnly, FIXTURE, run } from './support';

let sandbox: RunningSandbox;
let temp: ReturnType<typeof makeTempDir>;
let keychain: Keychain;
let services: AppServices;

beforeAll(async () => {
  const ports = await freePorts(3);
  sandbox = await startSandbox({ redirectUris: ports.map((p) => `http://localhost:${p}/callback`), rateLimits: { perDay: 30 } });
  temp = makeTempDir('ccxa-diag-rl-');
  keychain = createKeychain(temp.dir);
  const settings = openNodeSettingsStore(temp.dir);
  settings.update({ 'xero.issuer': sandbox.baseUrl, 'xero.apiOrigin': sandbox.baseUrl, 'oauth.ports': ports.join(',') });
  services = createAppServices({ host: 'cli', dataDir: temp.dir, settings, keychain, clock: { now: () => sandbox.now() } });
});
afterAll(async () => {
  await services.dispose();
  await keychain.delete('token-set').catch(() => undefined);
  await keychain.delete('client-secret').catch(() => undefined);
  await sandbox.stop();
  temp.cleanup();
});

it('rate-limit fails when few calls are left today, naming how many', async () => {
  const web = sandbox.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
  await services.connection.setCredentials({ clientId: web.clientId, clientSecret: web.clientSecret! });
  const outcome = await connectOnce(services);
  expect(outcome.ok).toBe(true);
  services.settings.update({ 'xero.invoiceAccountCode': '200', 'xero.paymentAccountCode': '090', 'xero.taxRateName': '23% VAT on Income' });
  importExport(services.journal(), { bytes: readFileSync(FIXTURE), fileName: 'transactions.csv', amountsIncludeTax: false });
  const report = await run(services);
  expectOnly(report, ['rate-limit']);
  expect(check(report, 'rate-limit').evidence).toMatch(/said: \d+ calls left today for this organisation \(how many Xero allows a day depends on the app's Xero plan: 1,000 on the free Starter tier\); \d+ left this minute \(of 60\)/);
  expect(check(report, 'rate-limit').evidence).not.toMatch(/5,000/);
  expect(check(report, 'rate-limit').fix).toContain('daily limit');
});
