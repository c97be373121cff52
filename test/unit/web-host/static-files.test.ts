import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRequestPath } from '../../../main/web-host/static-files';
import { RENDERER_CSP_HEADER } from '../../../contract/content-security-policy';
import type { WebHost } from '../../../main/web-host/web-host';
import { rawGet, SECRET_TEXT, testHostPerTest } from './web-host-harness';

describe('resolveRequestPath', () => {
  it('maps / to index.html and plain paths to themselves', () => {
    expect(resolveRequestPath('/')).toEqual({ ok: true, relative: 'index.html' });
    expect(resolveRequestPath('/assets/app.js?v=1')).toEqual({ ok: true, relative: 'assets/app.js' });
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/.env', '/a%00.js', '/%E0%A4%A'])(
    'refuses %s',
    (raw) => {
      expect(resolveRequestPath(raw)).toEqual({ ok: false, status: 403 });
    },
  );
});

describe('web host: static files', () => {
  let host: WebHost;
  let port: number;
  let dirs: { root: string; renderer: string };

  testHostPerTest((test) => ({ host, port, dirs } = test));

  it('serves index.html for / with the CSP and hardening headers', async () => {
    const answer = await rawGet(port, '/');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('test renderer');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(RENDERER_CSP_HEADER);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content type', async () => {
    const answer = await rawGet(port, '/assets/app.js');
    expect(answer).toMatchObject({ status: 200, body: 'console.log("app");' });
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt'])(
    'never serves a file outside the renderer dir: %s',
    async (raw) => {
      const answer = await rawGet(port, raw);
      expect([403, 404]).toContain(answer.status);
      expect(answer.body).not.toContain(SECRET_TEXT);
    },
  );

  it('does not follow a symlink that leads outside the renderer dir', async () => {
    symlinkSync(path.join(dirs.root, 'secret.txt'), path.join(dirs.renderer, 'leak.txt'));
    const answer = await rawGet(port, '/leak.txt');
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain(SECRET_TEXT);
  });

  it('answers 404 for missing files and directories, 405 for other methods', async () => {
    expect((await rawGet(port, '/missing.js')).status).toBe(404);
    expect((await rawGet(port, '/assets')).status).toBe(404);
    const post = await new Promise<number>((resolve) => {
      void import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port, path: '/', method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.end();
      });
    });
    expect(post).toBe(405);
  });

  it('refuses plain requests addressed to another Host name (DNS rebinding)', async () => {
    const answer = await rawGet(port, '/', { Host: `rebind.example:${port}` });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('test renderer');
    expect(host.origin).toContain(String(port));
  });
});
