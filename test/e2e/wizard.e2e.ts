/**
 * The onboarding wizard end to end: web host + Chromium + real sandbox + real keychain. The main case completes the
 * whole wizard from a fresh data dir via "Try with sample data" (the built-in sandbox, in the services worker, in its own
 * profile), including Xero's log-in and consent pages, counting every user action (clicks, pastes, selections) up to
 * the verified test sync; screenshots of every step go to test-results/wizard-*.png. Then the guide's common issues,
 * each with its own message and fix, and a restart mid-wizard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../contract/contract';
import { sampleProfileDir } from '../../main/paths';
import { createKeychain } from '../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../main/settings/settings-store';
import { startWebHost, type WebHost } from '../../main/web-host/web-host';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { lookInBothSchemes } from './support/a11y';
import { ensureRenderer, watchPageProblems } from './support/app-session';
import { launchChromium } from './support/chromium';
import { REPO_ROOT } from '../../main/web-host/renderer-build';
import { saveScreenshot } from './support/screenshots';
import { navButton } from './support/shell';
import { freePorts } from '../support/free-ports';


/**
 * Counts what a person does: clicks, typed fields (one each), selections, files, and key presses that submit. Actions
 * on Xero's own sign-in pages are counted apart: they are Xero's, like the developer portal, and the same for any app.
 */
class Actions {
  inApp = 0;
  onXero = 0;
  readonly log: string[] = [];
  get count() {
    return this.inApp + this.onXero;
  }
  async click(locator: Locator, what: string) {
    this.note(locator, `click ${what}`);
    await locator.click();
  }
  async type(locator: Locator, value: string, what: string) {
    this.note(locator, `type ${what}`);
    await locator.fill(value);
  }
  async press(locator: Locator, key: string, what: string) {
    this.note(locator, `press ${key} (${what})`);
    await locator.press(key);
  }
  async check(locator: Locator, what: string) {
    this.note(locator, `tick ${what}`);
    await locator.check();
  }
  async choose(locator: Locator, value: string, what: string) {
    this.note(locator, `choose ${what}`);
    await locator.selectOption(value);
  }
  async file(locator: Locator, file: string, what: string) {
    this.note(locator, `choose the file ${what}`);
    await locator.setInputFiles(file);
  }
  /** "sample path: 8 user actions (5 in the assistant, 3 on Xero's sign-in pages)" and the list. */
  report(path: string): string {
    return `${path}: ${this.count} user actions (${this.inApp} in the assistant, ${this.onXero} on Xero's sign-in pages)\n${this.log.join('\n')}`;
  }
  private note(locator: Locator, what: string) {
    const xero = locator.page() !== appPage;
    if (xero) this.onXero += 1;
    else this.inApp += 1;
    this.log.push(`${this.count}. ${what}${xero ? ' [Xero]' : ''}`);
  }
}
/** The app's page of the running case (Actions tells Xero's tabs from it). */
let appPage: Page | undefined;

interface Session {
  dataDir: string;
  host: WebHost;
  context: BrowserContext;
  page: Page;
  problems: string[];
}

let browser: Browser;
/** The person's "own Xero" for the issue cases: a separate sandbox, configured only through settings. */
let ownXero: RunningSandbox;
let ownPorts: number[];
let samplePorts: number[];
let unregisteredPort: number;
const sessions: Session[] = [];
const dataDirs = new Set<string>();

beforeAll(async () => {
  ensureRenderer();
  browser = await launchChromium();
  const ports = await freePorts(7);
  ownPorts = ports.slice(0, 3);
  samplePorts = ports.slice(3, 6);
  unregisteredPort = ports[6]!;
  ownXero = await startSandbox({ redirectUris: ownPorts.map((p) => `http://localhost:${p}/callback`) });
});

afterAll(async () => {
  await browser?.close();
  await ownXero?.stop();
  for (const dir of dataDirs) {
    for (const profile of [dir, sampleProfileDir(dir)]) {
      const keychain = createKeychain(profile);
      await keychain.delete('token-set').catch(() => undefined);
      await keychain.delete('client-secret').catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

async function closeSession(session: Session): Promise<void> {
  await session.context.close();
  await session.host.stop();
  sessions.splice(sessions.indexOf(session), 1);
}

afterEach(async () => {
  for (const session of [...sessions]) await closeSession(session);
});

interface OpenOptions {
  dataDir?: string;
  own?: Partial<Settings>;
  callbackTimeoutMs?: number;
  colorScheme?: 'light' | 'dark';
}

async function open(options: OpenOptions = {}): Promise<Session> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'ccxa-wizard-'));
  dataDirs.add(dataDir);
  // The profile's settings are prepared on disk; the host opens them in its services worker, as `npm run web` does.
  const ownSettings = openNodeSettingsStore(dataDir);
  ownSettings.update({
    'xero.issuer': ownXero.baseUrl,
    'xero.apiOrigin': ownXero.baseUrl,
    'oauth.ports': ownPorts.join(','),
    ...options.own,
  });
  const host = await startWebHost({
    dataDir,
    port: 0,
    knobs: {
      callbackTimeoutMs: options.callbackTimeoutMs ?? 60_000,
      sample: { oauthPorts: samplePorts.join(','), redirectUris: samplePorts.map((p) => `http://localhost:${p}/callback`) },
    },
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: options.colorScheme ?? 'light', reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(host.url);
  await page.getByRole('heading', { level: 1, name: 'Setup' }).waitFor();
  const session = { dataDir, host, context, page, problems };
  sessions.push(session);
  appPage = page;
  return session;
}

const checklistItem = (page: Page, title: string) => page.getByRole('navigation', { name: 'Checklist' }).getByRole('button', { name: new RegExp(`^${title}`) });
const ticks = async (page: Page) =>
  page
    .getByRole('navigation', { name: 'Checklist' })
    .getByRole('button')
    .evaluateAll((items) => items.map((i) => `${(i.querySelector('.wz-checklist-label')?.textContent ?? '').trim()}:${i.getAttribute('data-done')}`));
/** The one list of steps, in the order a person does them (the header counts the same list). */
const CHECKLIST = [
  'Create the Xero app',
  'Store the Client ID and Secret',
  'Connect to Xero',
  'Choose accounts and tax rate',
  'Test with one transaction',
  'Enter the values in CourseCo',
  'What to check',
];
/** What `ticks` reads when the wizard has done its first `done` steps and none after them. */
const checklistUpTo = (done: number) => CHECKLIST.map((title, i) => `${title}:${i < done}`);
const panelTitle = (page: Page) => page.locator('#wz-panel-title');
const stepNumber = (page: Page) => page.locator('.wz-step-number');
const statusBar = (page: Page) => page.locator('.status-connection');
const SAMPLE_EXPORT = path.join(REPO_ROOT, 'sandbox', 'sample-data', 'courseco-transactions-report.csv');

/** Clicks (or presses Enter on) what starts a sign-in and returns the Xero tab the app opens by itself. */
async function signInTab(session: Session, start: () => Promise<void>): Promise<Page> {
  const opened = session.context.waitForEvent('page', { timeout: 45_000 });
  await start();
  const xero = await opened;
  await xero.waitForLoadState();
  return xero;
}

/** Xero's log-in and consent pages, the way a person does them: log in, tick the organisation, Allow access. */
async function consent(xero: Page, act: Actions | undefined, organisation: string, name: string): Promise<void> {
  const login = xero.getByRole('button', { name: 'Log in as demo user', exact: true });
  await login.waitFor();
  if (act) await act.click(login, 'Log in as demo user');
  else await login.click();
  const box = xero.getByRole('checkbox', { name: organisation });
  if (act) await act.check(box, organisation);
  else await box.check();
  await saveScreenshot(xero, `wizard-${name}-consent`);
  const allow = xero.getByRole('button', { name: 'Allow access', exact: true });
  if (act) await act.click(allow, 'Allow access');
  else await allow.click();
  await xero.waitForLoadState();
}

/** Presses Tab until the element named `name` has focus (the keyboard-only runs): fails if it never does. */
async function tabTo(page: Page, name: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
      return `${el.getAttribute('aria-label') ?? ''} ${labelled ?? ''} ${el.closest('label')?.textContent ?? ''} ${el.textContent ?? ''}`.trim();
    });
    if (name.test(label)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('onboarding wizard (web host + Chromium + sandbox + keychain)', () => {
  it('sample path: from the first screen to a verified test sync in at most 8 user actions, every step seen light and dark', async () => {
    const session = await open();
    const { page } = session;
    const act = new Actions();

    await page.getByRole('button', { name: 'Try with sample data', exact: true }).waitFor();
    await lookInBothSchemes(page, 'wizard-0-start');
    await act.click(page.getByRole('button', { name: 'Try with sample data', exact: true }), 'Try with sample data');
    await expect.poll(() => page.getByText('Sample data — not your books').isVisible(), { timeout: 20_000 }).toBe(true);

    // The sample profile has its domain and the sandbox's Web app credentials stored: the wizard opens at step 3.
    await expect.poll(() => panelTitle(page).textContent()).toBe('Connect to Xero');
    expect(await stepNumber(page).textContent()).toBe(`Step 3 of ${CHECKLIST.length}`);
    expect(await ticks(page)).toEqual(checklistUpTo(2));
    await lookInBothSchemes(page, 'wizard-3-connect');

    const xero = await signInTab(session, () => act.click(page.getByRole('button', { name: 'Connect to Xero', exact: true }), 'Connect to Xero'));
    await consent(xero, act, 'Liffey Training Academy', '3');
    // Connected: on to the accounts by itself.
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 45_000 }).toBe('Choose accounts and tax rate');
    await page.locator('.wz-org-name').getByText('Connected to Liffey Training Academy').waitFor({ timeout: 45_000 });
    expect(await page.locator('.wz-facts').textContent()).toContain('Ireland');
    expect(await page.locator('.wz-facts').textContent()).toContain('Euro (€)');
    await page.getByLabel('Invoice Account Code').waitFor();
    expect(await page.getByLabel('Invoice Account Code').inputValue()).toBe('200');
    // Picked by AccountID (bank accounts may have no code); the option shows the code and name.
    expect(await page.getByLabel('Payment Account Code').locator('option:checked').textContent()).toContain('090 — Business Bank Account');
    expect(await page.getByLabel('Payment Account Code').getByText('Course Bookings Current Account (Bank account, no code in Xero)').count()).toBe(1);
    // Three active 0% sales rates: the wizard asks which one, and says why (the VAT return's boxes).
    const zeroRate = page.getByLabel('Which Xero rate should 0% VAT sales use?');
    expect(await zeroRate.inputValue()).toBe('');
    await expect.poll(() => page.getByText(/box of the VAT return/).count()).toBe(1);
    await zeroRate.scrollIntoViewIfNeeded();
    await lookInBothSchemes(page, 'wizard-4-zero-rate');
    await act.choose(zeroRate, 'TAX005', 'the 0% rate');
    // Suggested from account 200's default tax rate in Xero, with the case-sensitive warning; rates by name, never a code.
    expect(await page.getByLabel('Tax code title').inputValue()).toBe('23% VAT on Income');
    await expect.poll(() => page.getByText('Case-sensitive').textContent()).toContain('23% VAT on Income');
    expect(await page.locator('.wz-choices').textContent()).not.toMatch(/TAX00\d|OUTPUT/);
    await page.getByText('Why are other accounts missing?').click();
    expect(await page.getByText(/620 Prepayments/).textContent()).toBeTruthy();
    await page.locator('.wz-panel').evaluate((el) => el.scrollIntoView());
    await lookInBothSchemes(page, 'wizard-4-choose');

    await act.click(page.getByRole('button', { name: 'Save choices', exact: true }), 'Save choices');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Test with one transaction');
    const transaction = page.getByLabel('Transaction to test with');
    await transaction.waitFor();
    expect(await transaction.inputValue()).not.toBe('');
    await page.locator('.wz-planned').waitFor();
    await lookInBothSchemes(page, 'wizard-5-test-preview');

    await act.click(page.getByRole('button', { name: 'Sync to Xero', exact: true }), 'Sync to Xero');
    await page.getByRole('heading', { name: '✓ Xero has exactly what CourseCo sent' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => ticks(page)).toContain('Test with one transaction:true');
    expect(await page.locator('.wz-compare tr[data-match="false"]').count()).toBe(0);
    const invoiceLink = page.getByRole('link', { name: 'Open the invoice in Xero' });
    expect(await invoiceLink.getAttribute('href')).toContain('/AccountsReceivable/View.aspx?InvoiceID=');
    await lookInBothSchemes(page, 'wizard-5-test-verified');
    expect(await page.locator('.wz-evidence').textContent()).toMatch(/read back on \d{1,2} \w{3} \d{4}/);

    console.log(act.report('sample path'));
    expect(act.count).toBeLessThanOrEqual(8);

    // After the test: the values for CourseCo, every one verified; ticked only when the person says they entered them.
    expect(await ticks(page)).toEqual(checklistUpTo(5));
    await page.getByRole('button', { name: 'Next: Enter the values in CourseCo', exact: true }).click();
    await page.getByText('23% VAT on Income', { exact: true }).waitFor();
    expect(await stepNumber(page).textContent()).toBe(`Step 6 of ${CHECKLIST.length}`);
    // Sample data's secret is the sandbox's, kept in the app's memory: the step says so, not "your keychain".
    expect(await page.locator('.wz-values').textContent()).toMatch(/Stored in this app's memory \(sample data's practice sign-in, until the app closes\) — never shown/);
    await lookInBothSchemes(page, 'wizard-6-courseco');
    await page.getByRole('button', { name: 'Copy Tenant ID', exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('5506cf08-24dd-4015-9a1e-1d69f9d794ee');
    expect(await ticks(page)).toEqual(checklistUpTo(5));
    await page.getByRole('button', { name: 'I have entered them in CourseCo', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('What to check');
    await expect.poll(() => ticks(page)).toEqual(checklistUpTo(7));
    await page.locator('.wz-check').first().waitFor({ timeout: 30_000 });
    expect(await stepNumber(page).textContent()).toBe(`Step 7 of ${CHECKLIST.length}`);
    await lookInBothSchemes(page, 'wizard-7-what-to-check');
    await checklistItem(page, 'Enter the values in CourseCo').click();
    await page.getByRole('button', { name: 'I have not entered them yet', exact: true }).waitFor();
    await lookInBothSchemes(page, 'wizard-6-courseco-confirmed');

    // Every other step's screen, for a person to look at (viewing, not counted).
    await checklistItem(page, 'Create the Xero app').click();
    await page.getByText('https://liffeytraining.courseco.co/admin/messaging/oauth_set', { exact: true }).waitFor();
    await lookInBothSchemes(page, 'wizard-1-app');
    await checklistItem(page, 'Store the Client ID and Secret').click();
    await page.getByRole('button', { name: 'Replace credentials', exact: true }).waitFor();
    await lookInBothSchemes(page, 'wizard-2-credentials');
    await checklistItem(page, 'Connect to Xero').click();
    await page.getByRole('button', { name: 'Choose another organisation', exact: true }).waitFor();
    await lookInBothSchemes(page, 'wizard-3-connected');

    // The last step leads on to Transactions.
    await checklistItem(page, 'What to check').click();
    await page.getByRole('button', { name: 'Go to Transactions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();

    // Leaving the sample data goes back to the person's own, untouched profile.
    await navButton(page, 'Setup').click();
    await page.getByRole('button', { name: 'Leave sample data', exact: true }).click();
    await page.getByRole('button', { name: 'Set up with my Xero', exact: true }).waitFor();
    expect(await page.getByText('Sample data — not your books').count()).toBe(0);
    expect(session.problems).toEqual([]);
  });

  /** The first screen's domain, step 1's deliberate Next, then the Client ID and Secret typed (not yet stored). */
  async function ownUpToCredentials(session: Session, secret?: string, act?: Actions) {
    const { page } = session;
    const web = ownXero.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
    const domain = page.getByLabel('Your CourseCo domain');
    if (act) await act.type(domain, 'https://Liffey.courseco.co/', 'the CourseCo domain');
    else await domain.fill('https://Liffey.courseco.co/');
    if (act) await act.press(domain, 'Enter', 'Set up with my Xero');
    else await domain.press('Enter');
    // Saved and kept on step 1: the redirect URI to register is right there, and going on is the person's choice.
    await expect.poll(() => panelTitle(page).textContent()).toBe('Create the Xero app');
    await page.getByTestId('wz-domain-saved').waitFor();
    await page.getByText('https://liffey.courseco.co/admin/messaging/oauth_set', { exact: true }).waitFor();
    const next = page.getByRole('button', { name: 'Next: Store the Client ID and Secret', exact: true });
    if (act) await act.click(next, 'Next: Store the Client ID and Secret');
    else await next.click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('Store the Client ID and Secret');
    if (act) await act.type(page.getByLabel('Client ID', { exact: true }), web.clientId, 'the Client ID');
    else await page.getByLabel('Client ID', { exact: true }).fill(web.clientId);
    if (act) await act.type(page.getByLabel('Client Secret', { exact: true }), secret ?? web.clientSecret!, 'the Client Secret');
    else await page.getByLabel('Client Secret', { exact: true }).fill(secret ?? web.clientSecret!);
  }

  const storeAndConnect = (page: Page) => page.getByRole('button', { name: 'Store and connect to Xero', exact: true });

  async function failureText(page: Page): Promise<string> {
    const alert = page.locator('.wz-failure');
    await alert.waitFor({ timeout: 30_000 });
    return (await alert.textContent()) ?? '';
  }

  it("own-Xero path: from the first screen through an import of the person's export to a verified test sync in at most 10 actions in the assistant", async () => {
    const session = await open();
    const { page } = session;
    const act = new Actions();
    await ownUpToCredentials(session, undefined, act);
    const xero = await signInTab(session, () => act.click(storeAndConnect(page), 'Store and connect to Xero'));
    await consent(xero, act, 'Liffey Training Academy', 'own');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 45_000 }).toBe('Choose accounts and tax rate');
    await page.getByLabel('Invoice Account Code').waitFor({ timeout: 45_000 });
    expect(await page.getByLabel('Invoice Account Code').inputValue()).toBe('200');
    await act.choose(page.getByLabel('Which Xero rate should 0% VAT sales use?'), 'TAX005', 'the 0% rate');
    await act.click(page.getByRole('button', { name: 'Save choices', exact: true }), 'Save choices');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Test with one transaction');

    // A fresh profile has nothing to test with: the step says where the export comes from and imports it in place.
    await page.getByText('No CourseCo transactions yet.').waitFor();
    await lookInBothSchemes(page, 'wizard-own-5-no-transactions');
    await act.file(page.getByLabel('CourseCo export file'), SAMPLE_EXPORT, 'the Xero Transactions Report');
    const transaction = page.getByLabel('Transaction to test with');
    await transaction.waitFor({ timeout: 30_000 });
    const picked = await transaction.inputValue();
    expect(picked).not.toBe('');
    await page.locator('.wz-planned').waitFor();
    await act.click(page.getByRole('button', { name: 'Sync to Xero', exact: true }), 'Sync to Xero');
    await page.getByRole('heading', { name: '✓ Xero has exactly what CourseCo sent' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.wz-compare tr[data-match="false"]').count()).toBe(0);
    await lookInBothSchemes(page, 'wizard-own-5-test-verified');

    console.log(act.report('own-Xero path'));
    expect(act.inApp).toBeLessThanOrEqual(10);

    // It went to the person's own Xero (not the sample profile's), once.
    const liffey = (ownXero.state().organisations as Array<{ name: string; Invoices: Array<{ Reference?: string; InvoiceID: string }> }>).find((o) => o.name === 'Liffey Training Academy')!;
    const sent = liffey.Invoices.filter((i) => i.Reference?.startsWith(`CourseCo Tx ${picked}`));
    expect(sent).toHaveLength(1);
    expect(await page.getByRole('link', { name: 'Open the invoice in Xero' }).getAttribute('href')).toContain(sent[0]!.InvoiceID);
    expect(await ticks(page)).toEqual(checklistUpTo(5));
    expect(session.problems).toEqual([]);
  });

  it('step 1 after saving shows the redirect URI to register; a Client ID too short says what is wrong at the field', async () => {
    const session = await open();
    const { page } = session;
    // Straight in without a domain: step 1 asks for it.
    await page.getByRole('button', { name: 'Set up with my Xero', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('Create the Xero app');
    await page.getByLabel('Your CourseCo domain').fill('https://yourdomain.courseco.co/');
    await page.getByText(/still contains the guide's placeholder "yourdomain"/).waitFor();
    await lookInBothSchemes(page, 'wizard-1-app-placeholder');
    await page.getByLabel('Your CourseCo domain').fill('liffey.courseco.co');
    await page.getByRole('button', { name: 'Save domain', exact: true }).click();
    await page.getByTestId('wz-domain-saved').waitFor();
    expect(await panelTitle(page).textContent()).toBe('Create the Xero app');
    expect(await page.getByRole('button', { name: 'Copy CourseCo redirect URI' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: "Xero’s developer portal (developer.xero.com)" }).getAttribute('href')).toBe('https://developer.xero.com/app/manage');
    await lookInBothSchemes(page, 'wizard-1-app-saved');

    await page.getByRole('button', { name: 'Next: Store the Client ID and Secret', exact: true }).click();
    await page.getByLabel('Client ID', { exact: true }).fill('1A2B3C4D5E6F');
    await storeAndConnect(page).click();
    const message = page.locator('#wz-client-id-error');
    await message.waitFor();
    expect(await message.textContent()).toContain("The Client ID is too short: Xero's Client IDs have 32 characters, this one has 12.");
    expect(await message.textContent()).toContain('What to do:');
    expect(await page.getByLabel('Client ID', { exact: true }).getAttribute('aria-describedby')).toBe('wz-client-id-error');
    expect(await page.getByLabel('Client ID', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wz-client-id');
    await lookInBothSchemes(page, 'wizard-2-client-id-too-short');
    expect(session.problems).toEqual([]);
  });

  it('wrong secret: Xero refuses the sign-in and the app says which credentials to fix', async () => {
    const session = await open();
    const { page } = session;
    await ownUpToCredentials(session, `WrongSecret${'x'.repeat(37)}`);
    const xero = await signInTab(session, () => storeAndConnect(page).click());
    await consent(xero, undefined, 'Liffey Training Academy', 'wrong-secret');
    const text = await failureText(page);
    expect(text).toContain('Xero says the Client ID or Secret is incorrect.');
    expect(text).toContain('generate a new Client Secret');
    await lookInBothSchemes(page, 'wizard-issue-wrong-secret');
  });

  it('unregistered redirect URI: Xero shows its error page and the app names the URI to register', async () => {
    const session = await open({ own: { 'oauth.ports': String(unregisteredPort) }, callbackTimeoutMs: 4_000 });
    const { page } = session;
    await ownUpToCredentials(session);
    const xero = await signInTab(session, () => storeAndConnect(page).click());
    await xero.getByText(/Invalid redirect_uri/).waitFor();
    const text = await failureText(page);
    expect(text).toContain('the redirect URI is not registered');
    expect(text).toContain(`add exactly http://localhost:${unregisteredPort}/callback`);
    await lookInBothSchemes(page, 'wizard-issue-redirect-uri');
  });

  it('wrong organisation picked: "you authorised X, not Y", the ways on as buttons, and the status bar agrees', async () => {
    const session = await open();
    const { page } = session;
    await ownUpToCredentials(session);
    // Stored and connecting; the person stops, to name the organisation they expect first.
    const first = await signInTab(session, () => storeAndConnect(page).click());
    await first.close();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).waitFor();
    await page.getByLabel('Organisation you expect (optional)').fill('Thames Valley Courses Ltd');
    const xero = await signInTab(session, () => page.getByRole('button', { name: 'Connect to Xero', exact: true }).click());
    await consent(xero, undefined, 'Liffey Training Academy', 'wrong-org');
    const text = await failureText(page);
    expect(text).toContain('You authorised "Liffey Training Academy", not "Thames Valley Courses Ltd".');
    expect(text).toContain('Connect again and tick “Thames Valley Courses Ltd” on Xero’s page');
    expect(text).not.toContain('courseco-xero');
    const useLiffey = page.getByRole('button', { name: 'Use Liffey Training Academy instead', exact: true });
    await useLiffey.waitFor();
    // Not connected in the step, and not "Connected" below it either.
    await expect.poll(() => page.locator('.wz-evidence').textContent()).toContain('no organisation is chosen yet');
    await expect.poll(() => statusBar(page).textContent()).toContain('No organisation chosen');
    // The notice sits one gap under the Connect button: no empty room left by the (empty) progress line between them.
    const button = (await page.getByRole('button', { name: 'Connect to Xero', exact: true }).boundingBox())!;
    const notice = (await page.locator('.wz-failure').boundingBox())!;
    expect(notice.y - (button.y + button.height)).toBeLessThanOrEqual(16);
    await lookInBothSchemes(page, 'wizard-issue-wrong-org');

    // The other way on: use the organisation that was authorised.
    await useLiffey.click();
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 45_000 }).toBe('Choose accounts and tax rate');
    await expect.poll(() => statusBar(page).textContent()).toContain('Connected to Liffey Training Academy');
  });

  it('several organisations authorised: the picker shows name, country, currency and Tenant ID', async () => {
    const session = await open();
    const { page } = session;
    await ownUpToCredentials(session);
    const xero = await signInTab(session, () => storeAndConnect(page).click());
    const login = xero.getByRole('button', { name: 'Log in as demo user', exact: true });
    if (await login.isVisible().catch(() => false)) await login.click();
    await xero.getByRole('checkbox', { name: 'Liffey Training Academy' }).check();
    await xero.getByRole('checkbox', { name: 'Thames Valley Courses Ltd' }).check();
    await xero.getByRole('button', { name: 'Allow access', exact: true }).click();
    await page.getByText('Several organisations were authorised').waitFor({ timeout: 45_000 });
    // Country and currency come from one read per organisation after the names: wait for them, not for a time.
    await expect.poll(() => page.locator('.wz-radio').allTextContents(), { timeout: 30_000 }).toEqual([
      expect.stringMatching(/Liffey Training Academy.*Ireland · Euro \(€\) · Tenant ID 5506cf08/),
      expect.stringMatching(/Thames Valley Courses Ltd.*United Kingdom · British Pound \(£\) · Tenant ID 4373d1a4/),
    ]);
    // Signed in but nothing chosen: the step and the status bar say the same.
    await expect.poll(() => page.locator('.wz-evidence').textContent()).toContain('no organisation is chosen yet');
    await expect.poll(() => statusBar(page).textContent()).toContain('No organisation chosen');
    await lookInBothSchemes(page, 'wizard-3-organisation-picker');
    await page.getByRole('radio', { name: /Thames Valley Courses Ltd/ }).check();
    await page.getByRole('button', { name: 'Use this organisation', exact: true }).click();
    await page.locator('.wz-org-name').getByText('Connected to Thames Valley Courses Ltd').waitFor({ timeout: 45_000 });
    await page.getByLabel('Tax code title').waitFor({ timeout: 45_000 });
    expect(await page.getByLabel('Tax code title').inputValue()).toBe('20% (VAT on Income)');

    // Another organisation on purpose: the one chosen before is not held against the new choice.
    await page.getByRole('button', { name: 'Choose another organisation', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('Connect to Xero');
    await page.getByRole('button', { name: 'Choose another organisation', exact: true }).click();
    await page.getByRole('button', { name: 'Keep Thames Valley Courses Ltd', exact: true }).waitFor();
    const xero2 = await signInTab(session, () => page.getByRole('button', { name: 'Connect to Xero', exact: true }).click());
    const login2 = xero2.getByRole('button', { name: 'Log in as demo user', exact: true });
    if (await login2.isVisible().catch(() => false)) await login2.click();
    await xero2.getByRole('checkbox', { name: 'Liffey Training Academy' }).check();
    await xero2.getByRole('button', { name: 'Allow access', exact: true }).click();
    // Both stay connected to the app (Xero keeps earlier connections), so the assistant asks again.
    await page.getByText('Several organisations were authorised').waitFor({ timeout: 45_000 });
    await page.getByRole('radio', { name: /Liffey Training Academy/ }).check();
    await page.getByRole('button', { name: 'Use this organisation', exact: true }).click();
    await page.locator('.wz-org-name').getByText('Connected to Liffey Training Academy').waitFor({ timeout: 45_000 });
  });

  it('typed values: an archived account code and a tax name in the wrong case are refused with what to do', async () => {
    const session = await open();
    const { page } = session;
    await page.getByRole('button', { name: 'Try with sample data', exact: true }).click();
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).waitFor({ timeout: 45_000 });
    const xero = await signInTab(session, () => page.getByRole('button', { name: 'Connect to Xero', exact: true }).click());
    await consent(xero, undefined, 'Liffey Training Academy', 'typed');
    await page.getByLabel('Invoice Account Code').waitFor({ timeout: 45_000 });

    await page.getByRole('button', { name: 'Type a code instead', exact: true }).first().click();
    await page.getByLabel('Invoice Account Code').fill('250');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    let text = await failureText(page);
    expect(text).toContain('Account 250 Workshop Income (old) is archived in Xero');
    expect(text).toContain('What to do: Choose an active revenue account (for example 200 Sales');
    await lookInBothSchemes(page, 'wizard-issue-archived-code');

    await page.getByRole('button', { name: 'Pick from the list instead', exact: true }).click();
    await page.getByRole('button', { name: 'Type the title instead', exact: true }).click();
    await page.getByLabel('Tax code title').fill('23% vat on income');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    await expect.poll(() => failureText(page)).toContain("differs from Xero's tax rate '23% VAT on Income' only in letter case");
    text = await failureText(page);
    expect(text).toContain("Use '23% VAT on Income' exactly");
    expect(await page.getByText('Case-sensitive: CourseCo needs the title exactly as Xero spells it').isVisible()).toBe(true);
    await lookInBothSchemes(page, 'wizard-issue-tax-case');
    expect(await ticks(page)).toContain('Choose accounts and tax rate:false');

    // An expense account: Xero takes it, so the chart policy warns and the choice is kept.
    await page.getByRole('button', { name: 'Pick from the list instead', exact: true }).click();
    await page.getByRole('button', { name: 'Type a code instead', exact: true }).first().click();
    await page.getByLabel('Invoice Account Code').fill('400');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    const warning = page.getByTestId('wz-choice-warnings');
    await warning.waitFor({ timeout: 20_000 });
    expect(await warning.textContent()).toContain('Account 400 Advertising is an expense account (OVERHEADS), not a revenue account');
    // Kept: the form says saved (a refusal would leave "Save choices" and a failure notice).
    expect(await page.getByRole('button', { name: 'Saved ✓ — save again', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('.wz-choices').getByText('What to do:').count()).toBe(0);
    await lookInBothSchemes(page, 'wizard-issue-expense-account-warning');
  });

  it('restarting the host mid-wizard resumes at the right step with the right ticks', async () => {
    const first = await open();
    await ownUpToCredentials(first);
    const tab = await signInTab(first, () => storeAndConnect(first.page).click());
    await tab.close();
    const dataDir = first.dataDir;
    await closeSession(first);

    const again = await open({ dataDir });
    const { page } = again;
    await expect.poll(() => panelTitle(page).textContent()).toBe('Connect to Xero');
    expect(await ticks(page)).toEqual(checklistUpTo(2));
    await lookInBothSchemes(page, 'wizard-resume-after-restart');
    expect(again.problems).toEqual([]);
  });

  it('keyboard only: the sample path reaches a verified test sync without a mouse (Xero’s pages included)', async () => {
    const session = await open({ colorScheme: 'dark' });
    const { page } = session;
    // The first screen drawn before the first Tab: on a busy machine it can come after 80 quick presses.
    await page.getByRole('button', { name: 'Try with sample data', exact: true }).waitFor();
    await tabTo(page, /^Try with sample data$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Connect to Xero');
    await tabTo(page, /^Connect to Xero$/);
    const xero = await signInTab(session, () => page.keyboard.press('Enter'));
    await tabTo(xero, /Log in as demo user/);
    await xero.keyboard.press('Enter');
    await xero.getByRole('checkbox', { name: 'Liffey Training Academy' }).waitFor();
    await tabTo(xero, /Liffey Training Academy/);
    await xero.keyboard.press('Space');
    await tabTo(xero, /Allow access/);
    await xero.keyboard.press('Enter');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 45_000 }).toBe('Choose accounts and tax rate');
    await page.getByLabel('Which Xero rate should 0% VAT sales use?').waitFor({ timeout: 45_000 });
    await tabTo(page, /Which Xero rate should 0% VAT sales use\?/);
    // Type-ahead on the focused list: "Exempt" (the first option starting with E).
    await page.keyboard.type('E');
    expect(await page.getByLabel('Which Xero rate should 0% VAT sales use?').inputValue()).toBe('TAX005');
    await tabTo(page, /^Save choices$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Test with one transaction');
    await page.locator('.wz-planned').waitFor();
    await tabTo(page, /^Sync to Xero$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '✓ Xero has exactly what CourseCo sent' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => ticks(page)).toContain('Test with one transaction:true');
    expect(session.problems).toEqual([]);
  });
});
