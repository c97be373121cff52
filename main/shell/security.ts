/**
 * Guards applied to every webContents the app ever creates: no new windows, no navigation away from the app, no
 * webviews, no permissions but clipboard writes from the app itself. The only way out of the app is `shell.openExternal` for a short allow-list of https
 * hosts, so a crafted link can at most open a Xero or CourseCo page in the user's own browser.
 */
import type { Session } from 'electron';
import { ELECTRON_APP_ORIGIN } from '../app/app-identity';
import { trustOnlyOrigin } from '../ipc/trusted-sender';

/** Xero pages the wizard links to (app registration, organisation settings, login). */
const XERO_HOSTS = new Set(['go.xero.com', 'developer.xero.com', 'login.xero.com']);
const COURSECO_PARENT = 'courseco.co';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Turns what the user typed as their CourseCo domain ("school.example.com", "https://school.example.com/") into a host. */
export function normaliseDomain(domain: string | undefined): string | undefined {
  const trimmed = domain?.trim();
  if (!trimmed) return undefined;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    return host.replace(/\.$/, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The URL, or undefined when it does not parse or carries a user name or password (never opened, whatever else). */
function parseWithoutCredentials(rawUrl: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  return url.username || url.password ? undefined : url;
}

/**
 * True only for plain https URLs (no credentials, default port) on an allow-listed host. Hosts are compared after
 * URL parsing, so look-alikes such as `go.xero.com.evil.example` or `evil.example/go.xero.com` do not match.
 */
export function isAllowedExternalUrl(rawUrl: string, courseCoDomain?: string): boolean {
  const url = parseWithoutCredentials(rawUrl);
  if (!url) return false;
  // The built-in sandbox's invoice viewer (sample data) lives on loopback http; nothing else may use plain http.
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' || url.port) return false;
  const host = url.hostname.replace(/\.$/, '');
  if (XERO_HOSTS.has(host)) return true;
  if (host.endsWith(`.${COURSECO_PARENT}`)) return true;
  return host === normaliseDomain(courseCoDomain);
}

/**
 * The sign-in page the services ask us to open (the issuer's authorize endpoint from its discovery document): https,
 * or plain http only on loopback (a local identity provider such as the built-in sandbox). Never file:, javascript:,
 * custom schemes or embedded credentials, whatever the services were configured with.
 */
export function isSignInUrl(rawUrl: string): boolean {
  const url = parseWithoutCredentials(rawUrl);
  if (!url) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export interface ExternalLinks {
  openExternal(url: string): Promise<void>;
  /** Read at decision time, so a domain the user just saved is honoured without a restart. */
  courseCoDomain(): string | undefined;
}

/** Opens an allow-listed URL in the user's browser; anything else is dropped. Returns whether it was opened. */
export function openIfAllowed(url: string, links: ExternalLinks): boolean {
  if (!isAllowedExternalUrl(url, links.courseCoDomain())) return false;
  void links.openExternal(url).catch(() => undefined);
  return true;
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

interface PreventableEvent {
  preventDefault(): void;
}

interface NavigationEvent extends PreventableEvent {
  /** Target of the navigation (Electron's replacement for the deprecated second `url` argument). */
  url: string;
}

/** The part of a WebContents the guards touch; Electron's WebContents satisfies it, and so does a test's fake. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect' | 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  session: PermissionSession;
}

/** The app needs no camera, notifications, clipboard-read, geolocation or anything else: every request is refused. */
/** The one permission the app uses: writing text to the clipboard (the wizard's copy buttons), from our own page. */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';
const isAppPage = trustOnlyOrigin(ELECTRON_APP_ORIGIN);

/** Every permission is refused, except clipboard writes requested by the app's own page. */
export function restrictPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === CLIPBOARD_WRITE && isAppPage(details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === CLIPBOARD_WRITE && isAppPage(requestingOrigin));
}


/**
 * Applied from `web-contents-created`, so it covers the main window and anything Chromium creates later.
 * Navigation is refused outright (the renderer is a single page and never needs it); a refused link to an
 * allow-listed site still opens in the browser, because that is what the user clicked it for.
 */
export function guardWebContents(contents: GuardedContents, links: ExternalLinks): void {
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, links);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event: NavigationEvent) => {
    event.preventDefault();
    openIfAllowed(event.url, links);
  });
  contents.on('will-redirect', (event: PreventableEvent) => event.preventDefault());
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
  restrictPermissions(contents.session);
}
