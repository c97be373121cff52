/**
 * Secret scan: after a full connect, an import, a sync and a diagnostics export — every step driven through the IPC
 * dispatcher as the renderer would — neither the client secret nor any access or refresh token appears in any IPC
 * result or event, any log line, any file in the data dir, or any file inside the exported support bundle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { trustOnlyOrigin } from '../../../main/ipc/trusted-sender';
import { readZip } from '../diagnostics/unzip';
import { followAuthorizeUrl, nextAuthorizeUrl, startHarness, type Harness } from '../xero/support/sandbox-harness';

let h: Harness;
let services: AppServices;
let dispatch: Dispatch;
const ipcTraffic: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function call(channel: string, args: unknown = {}): Promise<unknown> {
  const envelope = await dispatch(channel, args, 'app://assistant/index.html');
  ipcTraffic.push(JSON.stringify(envelope));
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

beforeAll(async () => {
  h = await startHarness();
  services = h.services();
  services.bus.attach((event, payload) => ipcTraffic.push(JSON.stringify({ event, payload })));
  dispatch = createDispatcher({ handlers: services.handlers, isTrustedSender: trustOnlyOrigin('app://assistant') });
});
afterAll(async () => {
  await h?.stop();
});

describe('secret scan after connect, import, sync and a diagnostics export', () => {
  it('finds no secret or token in IPC traffic, logs, the data dir or the support bundle', async () => {
    await call('credentials.set', { clientId: h.web.clientId, clientSecret: h.web.clientSecret });
    const url = nextAuthorizeUrl(services);
    const connecting = call('connection.connect', {});
    await followAuthorizeUrl(await url, 'first');
    await connecting;
    await call('wizard.choose', { invoiceAccountCode: '200', paymentAccountCode: '090', taxRateName: '23% VAT on Income' });
    await call('transactions.sampleData', {});
    const summary = (await call('sync.run', { all: true })) as { synced: number };
    expect(summary.synced).toBeGreaterThan(10);
    const exported = (await call('diagnostics.export', {})) as { path: string };

    // What to look for: the secret and the token set exactly as the keychain holds them.
    const stored = (await h.keychain.get('token-set')) ?? '';
    const tokens = ['access_token', 'refresh_token', 'id_token', 'accessToken', 'refreshToken', 'idToken']
      .map((key) => new RegExp(`"${key}":"([^"]+)"`).exec(stored)?.[1])
      .filter((v): v is string => Boolean(v));
    const secrets = [h.web.clientSecret, ...tokens];
    expect(tokens.length, 'the keychain should hold an access and a refresh token').toBeGreaterThanOrEqual(2);

    const haystacks: Array<{ where: string; text: string }> = [
      ...ipcTraffic.map((text, i) => ({ where: `IPC message ${i}`, text })),
      { where: 'log', text: h.logLines.join('\n') },
      ...filesUnder(h.dataDir).map((file) => ({ where: file, text: readFileSync(file).toString('latin1') })),
    ];
    for (const [name, content] of await readZip(exported.path)) haystacks.push({ where: `bundle:${name}`, text: content });
    expect(haystacks.some((h) => h.where.endsWith('journal.sqlite'))).toBe(true);
    expect(haystacks.some((h) => h.where.startsWith('bundle:report.html'))).toBe(true);

    for (const { where, text } of haystacks) {
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret: ${text.slice(0, 400)}`).toBe(false);
    }
  });
});
