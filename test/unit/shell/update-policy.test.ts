/**
 * When the installed app asks for updates (main/shell/update-policy.ts): only with a release feed, never in
 * development, never for a .deb, and an https feed only.
 */
import { describe, expect, it } from 'vitest';
import { decideUpdateCheck, type UpdateSituation } from '../../../main/shell/update-policy';

const installed = (over: Partial<UpdateSituation> = {}): UpdateSituation => ({ isPackaged: true, hasBuiltInFeed: false, platform: 'win32', env: {}, ...over });

describe('decideUpdateCheck', () => {
  it('a feed built into the package (electron-builder `publish`): checks', () => {
    expect(decideUpdateCheck(installed({ hasBuiltInFeed: true }))).toEqual({ check: true });
  });

  it('no feed configured: no check (and so nothing is said to the user)', () => {
    expect(decideUpdateCheck(installed())).toEqual({ check: false, why: 'no-feed' });
  });

  it('development (not packaged): no check, even with a feed', () => {
    expect(decideUpdateCheck(installed({ isPackaged: false, hasBuiltInFeed: true, env: { COURSECO_XERO_UPDATE_URL: 'https://updates.example.ie/' } }))).toEqual({ check: false, why: 'development' });
  });

  it('a feed set by whoever deploys the app: checks there, https only', () => {
    expect(decideUpdateCheck(installed({ env: { COURSECO_XERO_UPDATE_URL: 'https://updates.example.ie/courseco/' } }))).toEqual({ check: true, feedUrl: 'https://updates.example.ie/courseco/' });
    expect(decideUpdateCheck(installed({ env: { COURSECO_XERO_UPDATE_URL: 'http://updates.example.ie/' } }))).toEqual({ check: false, why: 'feed-not-https' });
    expect(decideUpdateCheck(installed({ hasBuiltInFeed: true, env: { COURSECO_XERO_UPDATE_URL: 'not a url' } }))).toEqual({ check: false, why: 'feed-not-https' });
  });

  it('turned off on a managed computer', () => {
    expect(decideUpdateCheck(installed({ hasBuiltInFeed: true, env: { COURSECO_XERO_UPDATES: 'off' } }))).toEqual({ check: false, why: 'turned-off' });
  });

  it('Linux: the AppImage checks; a .deb is left to the package manager', () => {
    expect(decideUpdateCheck(installed({ platform: 'linux', hasBuiltInFeed: true, env: { APPIMAGE: '/home/anne/Apps/CourseCo.AppImage' } }))).toEqual({ check: true });
    expect(decideUpdateCheck(installed({ platform: 'linux', hasBuiltInFeed: true }))).toEqual({ check: false, why: 'package-manager' });
  });
});
