/**
 * The connect-related commands, run as the real `courseco-xero` process against the sandbox, with a temp --data-dir
 * and the real keychain: credentials, config, connect (following the URL it prints alone on one stderr line), status,
 * disconnect — and none of their output, nor the data dir, holds the secret or a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { createKeychain } from '../../../main/secrets/keychain';
import { makeTempDir } from '../../support/temp-dir';
import { followAuthorizeUrl, freePorts } from '../xero/support/sandbox-harness';
import { fileTextsUnder } from '../xero/support/file-texts';
import { CLI_BIN } from '../../support/cli-bin';


interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const transcript: string[] = [];

/** Runs the CLI; `onStderrLine` sees stderr line by line while it runs (to follow the authorisation URL). */
function cli(dataDir: string, args: string[], options: { input?: string; onStderrLine?: (line: string) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine?.(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      transcript.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

let sandbox: RunningSandbox;
let ports: number[];
let temp: ReturnType<typeof makeTempDir>;
let web: { clientId: string; clientSecret: string };

beforeAll(async () => {
  ports = await freePorts(3);
  sandbox = await startSandbox({ redirectUris: ports.map((p) => `http://localhost:${p}/callback`) });
  const app = sandbox.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
  web = { clientId: app.clientId, clientSecret: app.clientSecret! };
  temp = makeTempDir('ccxa-cli-');
});
afterAll(async () => {
  const keychain = createKeychain(temp.dir);
  await keychain.delete('token-set');
  await keychain.delete('client-secret');
  await sandbox.stop();
  temp.cleanup();
});

describe('courseco-xero credentials, config, connect, status, disconnect (sandbox)', () => {
  it('config set/get points the app at the sandbox; unknown keys and bad values fail with one line', async () => {
    for (const [key, value] of [['xero.issuer', sandbox.baseUrl], ['xero.apiOrigin', sandbox.baseUrl], ['oauth.ports', ports.join(',')]] as const) {
      expect((await cli(temp.dir, ['config', 'set', key, value])).code).toBe(0);
    }
    const all = await cli(temp.dir, ['--json', 'config', 'get']);
    expect(JSON.parse(all.stdout)).toMatchObject({ 'xero.issuer': sandbox.baseUrl, 'oauth.ports': ports.join(','), 'xero.scopes': 'granular' });
    expect((await cli(temp.dir, ['config', 'get', 'xero.apiOrigin'])).stdout.trim()).toBe(sandbox.baseUrl);
    const unknown = await cli(temp.dir, ['config', 'set', 'xero.colour', 'blue']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/Unknown setting "xero.colour"/);
    expect((await cli(temp.dir, ['config', 'set', 'xero.scopes', 'wide'])).code).not.toBe(0);
  });

  it('connect without credentials fails with the reason and the fix', async () => {
    const run = await cli(temp.dir, ['connect', '--no-browser']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^No Xero app credentials are stored yet\. .*credentials set/);
  });

  it('credentials set reads the secret from stdin, names a secret pasted as the ID, and show masks the ID', async () => {
    const mistake = await cli(temp.dir, ['credentials', 'set', '--client-id', web.clientSecret]);
    expect(mistake.code).toBe(1);
    expect(mistake.stderr).toMatch(/looks like the Client Secret pasted into the Client ID field/);
    const set = await cli(temp.dir, ['credentials', 'set', '--client-id', web.clientId, '--client-secret-stdin'], { input: `${web.clientSecret}\n` });
    expect(set.code).toBe(0);
    const show = await cli(temp.dir, ['--json', 'credentials', 'show']);
    expect(JSON.parse(show.stdout)).toEqual({
      clientId: `${web.clientId.slice(0, 4)}…${web.clientId.slice(-4)}`,
      clientIdStored: true,
      secretStored: true,
      appType: 'web',
      keychain: { available: true, detail: expect.any(String), persistent: true },
    });
    // Kept with the sign-in server it was entered for (the sandbox here), and sent to no other.
    expect(JSON.parse((await createKeychain(temp.dir).get('client-secret'))!)).toEqual({ v: 1, secret: web.clientSecret, issuer: sandbox.baseUrl });
  });

  it('connect prints the authorisation URL alone on one stderr line, waits for the callback, and stores the organisation', async () => {
    let followed: Promise<unknown> | undefined;
    const run = await cli(temp.dir, ['--json', 'connect', '--no-browser'], {
      onStderrLine: (line) => {
        if (/^https?:\/\/\S+$/.test(line)) followed = followAuthorizeUrl(line);
      },
    });
    expect(followed).toBeDefined();
    await followed;
    expect(run.code, run.stderr).toBe(0);
    const urlLines = run.stderr.split('\n').filter((l) => l.includes('/identity/connect/authorize'));
    expect(urlLines).toHaveLength(1);
    expect(urlLines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/identity\/connect\/authorize\?\S+$/);
    expect(new URL(urlLines[0]!).searchParams.get('code_challenge_method')).toBe('S256');
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ needsChoice: false, organisation: { name: sandbox.tenants[0]!.name, countryCode: 'IE', baseCurrency: 'EUR' }, status: { state: 'connected' } });
  });

  it('status makes one authenticated call and shows organisation, tenant, token expiry and refresh-token age', async () => {
    const json = await cli(temp.dir, ['--json', 'status']);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({ state: 'connected', tenantId: sandbox.tenants[0]!.tenantId, organisationName: sandbox.tenants[0]!.name, refreshTokenAgeDays: 0, check: { ok: true } });
    expect(Date.parse(status.accessTokenExpiresAt)).toBeGreaterThan(Date.now());
    const human = await cli(temp.dir, ['status']);
    expect(human.stdout).toMatch(/^State: +connected$/m);
    expect(human.stdout).toMatch(new RegExp(`^Organisation: +${sandbox.tenants[0]!.name} \\(IE, EUR, `, 'm'));
    expect(human.stdout).toMatch(/^Access token: +expires \S+ \(in \d+ min\)/m);
    expect(human.stdout).toMatch(/^Sign-in: +refresh token 0 days old/m);
  });

  it('connect --tenant with an organisation that was not authorised fails with "you authorised X, not Y"', async () => {
    let followed: Promise<unknown> | undefined;
    const run = await cli(temp.dir, ['connect', '--no-browser', '--tenant', 'Nobody Ltd'], {
      onStderrLine: (line) => {
        if (/^https?:\/\/\S+$/.test(line)) followed = followAuthorizeUrl(line);
      },
    });
    await followed;
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^You authorised "${sandbox.tenants[0]!.name}", not "Nobody Ltd"\\.`));
  });

  it('nothing printed and nothing in the data dir holds the secret or a token', async () => {
    const tokens = JSON.parse((await createKeychain(temp.dir).get('token-set'))!) as { accessToken: string; refreshToken: string };
    const files = fileTextsUnder(temp.dir);
    for (const text of [...files, ...transcript]) {
      for (const needle of [web.clientSecret, tokens.accessToken, tokens.refreshToken]) expect(text).not.toContain(needle);
    }
  });

  it('disconnect revokes; status then exits non-zero with a one-line reason; credentials clear removes the secret', async () => {
    const disconnect = await cli(temp.dir, ['disconnect']);
    expect(disconnect.code).toBe(0);
    expect(disconnect.stdout).toMatch(/removed the connection to .*revoked the sign-in/);
    const status = await cli(temp.dir, ['status']);
    expect(status.code).toBe(1);
    expect(status.stderr.trim()).toMatch(/^Not connected \(disconnected\)/);
    expect((await cli(temp.dir, ['credentials', 'clear'])).code).toBe(0);
    expect(await createKeychain(temp.dir).get('client-secret')).toBeNull();
  });
});
