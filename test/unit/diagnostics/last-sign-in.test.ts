import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LAST_SIGN_IN_FILE, openLastSignInStore } from '../../../main/xero/last-sign-in';
import { makeTempDir } from '../../support/temp-dir';

let temp: { dir: string; cleanup(): void } | undefined;
afterEach(() => temp?.cleanup());

describe('the last sign-in attempt on disk', () => {
  it('reads back what was written, owner-only', () => {
    temp = makeTempDir();
    const store = openLastSignInStore(temp.dir);
    const attempt = { startedAt: '2026-11-25T09:00:00.000Z', finishedAt: '2026-11-25T09:00:40.000Z', redirectUri: 'http://localhost:47318/callback', callbackArrived: true, outcome: 'connected' as const };
    store.write(attempt);
    expect(openLastSignInStore(temp.dir).read()).toEqual(attempt);
    const { mode } = statSync(path.join(temp.dir, LAST_SIGN_IN_FILE));
    if (process.platform !== 'win32') expect(mode & 0o077).toBe(0);
  });

  it('an attempt still pending on disk was cut short: it reads as failed, interrupted, keeping what it saw', () => {
    temp = makeTempDir();
    openLastSignInStore(temp.dir).write({ startedAt: '2026-11-25T09:00:00.000Z', redirectUri: 'http://localhost:47319/callback', callbackArrived: false, outcome: 'pending' });
    expect(openLastSignInStore(temp.dir).read()).toEqual({
      startedAt: '2026-11-25T09:00:00.000Z',
      redirectUri: 'http://localhost:47319/callback',
      callbackArrived: false,
      outcome: 'failed',
      errorKind: 'SignInInterrupted',
      errorMessage: 'The assistant closed before the sign-in finished.',
    });
  });

  it('a missing, damaged or foreign file reads as no attempt', () => {
    temp = makeTempDir();
    const store = openLastSignInStore(temp.dir);
    expect(store.read()).toBeUndefined();
    const file = path.join(temp.dir, LAST_SIGN_IN_FILE);
    writeFileSync(file, '{"startedAt": "2026-11-25T09:00:00.000Z", "outc');
    expect(store.read()).toBeUndefined();
    writeFileSync(file, JSON.stringify({ startedAt: 5, outcome: 'maybe' }));
    expect(store.read()).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toContain('maybe');
  });
});
