import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, isAllowedExternalUrl, isSignInUrl, normaliseDomain, type ExternalLinks } from '../../../main/shell/security';
import { FakeSession, FakeWebContents } from './fake-electron';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://go.xero.com/Settings/Organisation',
    'https://developer.xero.com/app/manage',
    'https://login.xero.com/identity/user/login',
    'https://help.courseco.co/xero',
    'https://school.example.com/admin/settings',
    // The built-in sandbox's invoice viewer (sample data) is served on loopback http.
    'http://127.0.0.1:47400/organisationlogin/default.aspx?shortcode=!Lf7Qx',
    'http://localhost:47400/app/x/invoicing/view/1',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url, 'school.example.com')).toBe(true);
  });

  it.each([
    'http://go.xero.com/',
    'http://school.example.com/admin/settings',
    'http://127.0.0.1.evil.example/',
    'http://user:pw@127.0.0.1:47400/',
    'https://go.xero.com.evil.example/',
    'https://evil.example/go.xero.com',
    'https://evilcourseco.co/',
    'https://user:pw@go.xero.com/',
    'https://go.xero.com:8443/',
    'https://xero.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://assistant/index.html',
    'not a url',
    'https://other.example.com/',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, 'school.example.com')).toBe(false);
  });

  it('accepts the CourseCo domain however the user typed it, and nothing when it is unset', () => {
    expect(isAllowedExternalUrl('https://school.example.com/', 'https://School.Example.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://school.example.com/', undefined)).toBe(false);
    expect(normaliseDomain('  school.example.com. ')).toBe('school.example.com');
    expect(normaliseDomain('')).toBeUndefined();
  });
});

function guarded(domain?: string) {
  const session = new FakeSession();
  const contents = new FakeWebContents(session);
  const links: ExternalLinks = { openExternal: vi.fn(async () => undefined), courseCoDomain: () => domain };
  guardWebContents(contents, links);
  return { contents, session, openExternal: links.openExternal };
}

describe('isSignInUrl (what the services may open in the system browser)', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(isSignInUrl('https://login.xero.com/identity/connect/authorize?client_id=x')).toBe(true);
    expect(isSignInUrl('http://127.0.0.1:47400/identity/connect/authorize')).toBe(true);
    expect(isSignInUrl('http://localhost:47400/identity/connect/authorize')).toBe(true);
    expect(isSignInUrl('http://[::1]:47400/identity/connect/authorize')).toBe(true);
  });

  it('refuses other schemes, remote http and embedded credentials', () => {
    for (const url of ['http://login.xero.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@login.xero.com/', 'http://127.0.0.1.evil.example/', 'not a url']) {
      expect(isSignInUrl(url), url).toBe(false);
    }
  });
});

describe('guardWebContents', () => {
  it('denies every new window, opening only allow-listed https URLs in the browser', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://go.xero.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://assistant/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://go.xero.com/');
  });

  it('prevents every navigation and redirect, even within the app', () => {
    const { contents, openExternal } = guarded();
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://assistant/other.html')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('sends a clicked allow-listed link to the browser instead of navigating', () => {
    const { contents, openExternal } = guarded('school.example.com');
    expect(contents.navigate('will-navigate', 'https://school.example.com/admin')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://school.example.com/admin');
  });

  it('denies every permission request and check, from any page', () => {
    const { session } = guarded();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler!({}, permission, callback, { requestingUrl: 'app://assistant/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!({}, permission, 'app://assistant')).toBe(false);
    }
  });

  it('allows clipboard writes (the copy buttons) only to the app\'s own page', () => {
    const { session } = guarded();
    const allowed = vi.fn();
    session.permissionRequestHandler!({}, 'clipboard-sanitized-write', allowed, { requestingUrl: 'app://assistant/index.html' });
    expect(allowed).toHaveBeenCalledWith(true);
    expect(session.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'app://assistant')).toBe(true);
    const refused = vi.fn();
    session.permissionRequestHandler!({}, 'clipboard-sanitized-write', refused, { requestingUrl: 'https://evil.example/' });
    expect(refused).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
