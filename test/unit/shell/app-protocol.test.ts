import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  registerAppProtocol,
  resolveAppFile,
  serveAppRequest,
} from '../../../main/shell/app-protocol';
import { ELECTRON_CSP } from '../../../contract/content-security-policy';

const SECRET = 'outside-the-renderer';
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(root, '.env'), 'TOKEN=1');
  writeFileSync(path.join(base, 'secret.txt'), SECRET);
  mkdirSync(path.join(base, 'etc'));
  writeFileSync(path.join(base, 'etc', 'passwd'), SECRET);
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('resolveAppFile (the path-traversal guard)', () => {
  it('maps the app root and nested files inside the renderer directory', () => {
    expect(resolveAppFile(root, 'app://assistant/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://assistant/assets/main.js?v=1#x')).toEqual({ ok: true, file: path.join(root, 'assets', 'main.js') });
  });

  it.each([
    'app://assistant/..%2f..%2fetc%2fpasswd',
    'app://assistant/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://assistant/%2E%2E%2Fsecret.txt',
    'app://assistant/..\\..\\secret.txt',
    'app://assistant/%5c..%5csecret.txt',
    'app://assistant/assets/%00main.js',
    'app://assistant/.env',
    'app://assistant/%E0%A4%A', // malformed escape
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toEqual({ ok: false, status: 403 });
  });

  it.each(['app://evil/index.html', 'app://assistant.evil/index.html', 'file:///etc/passwd', 'https://assistant/index.html', 'app://user:pw@assistant/'])(
    'refuses other hosts and schemes: %s',
    (url) => {
      expect(resolveAppFile(root, url)).toEqual({ ok: false, status: 403 });
    },
  );

  it('keeps URL-normalised dot-segments inside the root (app://assistant/../../etc/passwd is <root>/etc/passwd)', () => {
    const resolved = resolveAppFile(root, 'app://assistant/../../etc/passwd');
    expect(resolved).toEqual({ ok: true, file: path.join(root, 'etc', 'passwd') });
  });
});

describe('serveAppRequest', () => {
  it('serves a real file with its MIME type and the strict CSP header', async () => {
    const response = await get(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>app</title>');
    expect((await get('app://assistant/assets/main.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://assistant/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://assistant/../../etc/passwd',
    'app://assistant/%2e%2e/%2e%2e/secret.txt',
    'app://assistant/..%2f..%2fetc%2fpasswd',
    'app://assistant/..\\..\\secret.txt',
    'app://assistant/assets/link.txt',
    'app://evil/secret.txt',
  ])('never returns a file from outside the renderer directory: %s', async (url) => {
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
    expect(response.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
  });

  it('answers 404 for a missing file and for a directory', async () => {
    expect((await get('app://assistant/missing.js')).status).toBe(404);
    expect((await get('app://assistant/assets')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get(APP_ENTRY_URL, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
  });
});

describe('the Content-Security-Policy', () => {
  it('allows only the app itself and never eval or inline code', () => {
    expect(ELECTRON_CSP).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|\*/);
    const directives = new Map(ELECTRON_CSP.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)]));
    // Code, styles and connections from the app itself only; images may also be data: URLs; nothing else at all.
    for (const name of ['default-src', 'script-src', 'style-src', 'connect-src']) expect(directives.get(name), name).toBe("'self'");
    for (const name of ['object-src', 'base-uri', 'frame-ancestors', 'form-action']) expect(directives.get(name), name).toBe("'none'");
    expect(directives.get('img-src')).toBe("'self' data:");
  });
});

describe('registration', () => {
  it('declares app:// standard and secure (privileges must be set before ready)', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('handles the app scheme by serving the given directory', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    registerAppProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler as (request: Request) => Promise<Response>) }, root);
    const response = await handlers.get('app')!(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
  });
});
