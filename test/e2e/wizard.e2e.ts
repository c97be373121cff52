/**
 * The onboarding wizard end to end: web host + Chromium + real sandbox + real keychain. The main case completes the
 * whole wizard from a fresh data dir via "Try with sample data" (the built-in sandbox, in the services worker, in its own
 * profile), including Xero's log-in and consent pages, counting every user action (clicks, pastes, selections) up to
 * the verified test sync; screenshots of every step go to test-results/wizard-*.png. Then the guide's common issues,
 * each with its own message and fix, and a restart mid-wizard.
 */
import AxeBuilder from '@axe-core/playwright';
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
import { ensureRenderer, watchPageProblems } from './support/app-session';
import { launchChromium } from './support/chromium';
import { REPO_ROOT } from '../../main/web-host/renderer-build';
import { saveScreenshot } from './support/screenshots';
import { freePorts } from '../support/free-ports';


/** Counts what a person does: clicks, pastes (fills) and selections. */
class Actions {
  count = 0;
  readonly log: string[] = [];
  async click(locator: Locator, what: string) {
    this.note(`click ${what}`);
    await locator.click();
  }
  async paste(locator: Locator, value: string, what: string) {
    this.note(`paste ${what}`);
    await locator.fill(value);
  }
  async check(locator: Locator, what: string) {
    this.note(`tick ${what}`);
    await locator.check();
  }
  async choose(locator: Locator, value: string, what: string) {
    this.note(`choose ${what}`);
    await locator.selectOption(value);
  }
  private note(what: string) {
    this.count += 1;
    this.log.push(`${this.count}. ${what}`);
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

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
  return session;
}

const checklistItem = (page: Page, title: string) => page.getByRole('navigation', { name: 'Checklist' }).getByRole('button', { name: new RegExp(`^${title}`) });
const ticks = async (page: Page) =>
  page
    .getByRole('navigation', { name: 'Checklist' })
    .getByRole('button')
    .evaluateAll((items) => items.map((i) => `${(i.querySelector('.wz-checklist-label')?.textContent ?? '').trim()}:${i.getAttribute('data-done')}`));
const CHECKLIST = ['Create the Xero app', 'Store the Client ID and Secret', 'Values for CourseCo', 'Connect to Xero', 'Choose accounts and tax rate', 'Test with one transaction', 'What to check'];
/** What `ticks` reads when the wizard has done its first `done` steps and none after them. */
const checklistUpTo = (done: number) => CHECKLIST.map((title, i) => `${title}:${i < done}`);
const panelTitle = (page: Page) => page.locator('#wz-panel-title');

/** Follows the sign-in the way a person does: the link the app offers, Xero's log-in, the organisation, Allow. */
async function consent(session: Session, act: Actions | undefined, organisation: string, name: string, expectBack = true): Promise<Page> {
  const { page, context } = session;
  const link = page.getByRole('link', { name: 'Open the Xero sign-in page' });
  await link.waitFor({ timeout: 45_000 });
  const opened = context.waitForEvent('page');
  if (act) await act.click(link, 'Open the Xero sign-in page');
  else await link.click();
  const xero = await opened;
  await xero.getByRole('button', { name: 'Log in as demo user', exact: true }).waitFor();
  if (act) await act.click(xero.getByRole('button', { name: 'Log in as demo user', exact: true }), 'Log in as demo user');
  else await xero.getByRole('button', { name: 'Log in as demo user', exact: true }).click();
  const box = xero.getByRole('checkbox', { name: organisation });
  if (act) await act.check(box, organisation);
  else await box.check();
  await saveScreenshot(xero, `wizard-${name}-consent`);
  if (act) await act.click(xero.getByRole('button', { name: 'Allow access', exact: true }), 'Allow access');
  else await xero.getByRole('button', { name: 'Allow access', exact: true }).click();
  if (expectBack) await xero.waitForLoadState();
  return xero;
}

async function screenshotAndAxe(page: Page, name: string) {
  await saveScreenshot(page, `wizard-${name}`);
  expect(await seriousViolations(page), name).toEqual([]);
}

describe('onboarding wizard (web host + Chromium + sandbox + keychain)', () => {
  it('completes the whole wizard with sample data, consent page included, in at most 10 user actions', async () => {
    const session = await open();
    const { page } = session;
    const act = new Actions();

    await page.getByRole('button', { name: 'Try with sample data', exact: true }).waitFor();
    await screenshotAndAxe(page, '0-start');
    await act.click(page.getByRole('button', { name: 'Try with sample data', exact: true }), 'Try with sample data');
    await expect.poll(() => page.getByText('Sample data — not your books').isVisible(), { timeout: 20_000 }).toBe(true);

    // The sample profile has its domain and the sandbox's Web app credentials stored: the wizard opens at step 4.
    await expect.poll(() => panelTitle(page).textContent()).toBe('Connect & choose');
    expect(await ticks(page)).toEqual(checklistUpTo(2));
    await screenshotAndAxe(page, '4-connect');

    await act.click(page.getByRole('button', { name: 'Connect to Xero', exact: true }), 'Connect to Xero');
    await consent(session, act, 'Liffey Training Academy', '4');
    await page.locator('.wz-org-name').getByText('Connected to Liffey Training Academy').waitFor({ timeout: 45_000 });
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
    await screenshotAndAxe(page, '4-zero-rate');
    await act.choose(zeroRate, 'TAX005', 'the 0% rate');
    // Suggested from account 200's default tax rate in Xero, with the case-sensitive warning.
    expect(await page.getByLabel('Tax code title').inputValue()).toBe('23% VAT on Income');
    await expect.poll(() => page.getByText('Case-sensitive').textContent()).toContain('TAX001');
    await page.getByText('Why are other accounts missing?').click();
    expect(await page.getByText(/620 Prepayments/).textContent()).toBeTruthy();
    await screenshotAndAxe(page, '4-choose');

    await act.click(page.getByRole('button', { name: 'Save choices', exact: true }), 'Save choices');
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Test the connection');
    const transaction = page.getByLabel('Transaction to test with');
    await transaction.waitFor();
    expect(await transaction.inputValue()).not.toBe('');
    await page.locator('.wz-planned').waitFor();
    await screenshotAndAxe(page, '5-test-preview');

    await act.click(page.getByRole('button', { name: 'Sync to Xero', exact: true }), 'Sync to Xero');
    await page.getByRole('heading', { name: '✓ Xero has exactly what CourseCo sent' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => ticks(page)).toContain('Test with one transaction:true');
    const mismatches = await page.locator('.wz-compare tr[data-match="false"]').count();
    expect(mismatches).toBe(0);
    const invoiceLink = page.getByRole('link', { name: 'Open the invoice in Xero' });
    expect(await invoiceLink.getAttribute('href')).toContain('/AccountsReceivable/View.aspx?InvoiceID=');
    await screenshotAndAxe(page, '5-test-verified');

    console.log(`wizard: ${act.count} user actions from the first screen to a verified test sync:\n${act.log.join('\n')}`);
    expect(act.count).toBeLessThanOrEqual(10);

    // Every step's screen, for a person to look at (viewing, not counted).
    expect(await ticks(page)).toEqual(checklistUpTo(7));
    await page.getByRole('button', { name: 'Next: What to check', exact: true }).click();
    await page.locator('.wz-check').first().waitFor({ timeout: 30_000 });
    await screenshotAndAxe(page, '6-what-to-check');
    await checklistItem(page, 'Create the Xero app').click();
    await page.getByText('https://liffeytraining.courseco.co/admin/messaging/oauth_set', { exact: true }).waitFor();
    await screenshotAndAxe(page, '1-app');
    await checklistItem(page, 'Store the Client ID and Secret').click();
    await page.getByRole('button', { name: 'Replace credentials', exact: true }).waitFor();
    await screenshotAndAxe(page, '2-credentials');
    await checklistItem(page, 'Values for CourseCo').click();
    await page.getByText('23% VAT on Income', { exact: true }).waitFor();
    await screenshotAndAxe(page, '3-courseco');
    await page.getByRole('button', { name: 'Copy Tenant ID', exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('5506cf08-24dd-4015-9a1e-1d69f9d794ee');

    // Leaving the sample data goes back to the person's own, untouched profile.
    await page.getByRole('button', { name: 'Leave sample data', exact: true }).click();
    await page.getByRole('button', { name: 'Set up with my Xero', exact: true }).waitFor();
    expect(await page.getByText('Sample data — not your books').count()).toBe(0);
    expect(session.problems).toEqual([]);
  });

  /** "Set up with my Xero" up to step 4: domain, Client ID and Secret (the secret can be made wrong on purpose). */
  async function ownUpToConnect(session: Session, secret?: string) {
    const { page } = session;
    const web = ownXero.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
    await page.getByRole('button', { name: 'Set up with my Xero', exact: true }).click();
    await page.getByLabel('Your CourseCo domain').fill('https://yourdomain.courseco.co/');
    await page.getByText(/still contains the guide's placeholder "yourdomain"/).waitFor();
    await page.getByLabel('Your CourseCo domain').fill('https://Liffey.courseco.co/');
    await page.getByText('https://liffey.courseco.co/admin/messaging/oauth_set').waitFor();
    await page.getByRole('button', { name: 'Save domain', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('Credentials');
    await page.getByLabel('Client ID').fill(web.clientId);
    await page.getByLabel('Client Secret').fill(secret ?? web.clientSecret!);
    await page.getByRole('button', { name: 'Store in keychain', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('Values for CourseCo');
    await page.getByRole('button', { name: 'Continue to connect', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent()).toBe('Connect & choose');
  }

  async function failureText(page: Page): Promise<string> {
    const alert = page.locator('.wz-failure');
    await alert.waitFor({ timeout: 30_000 });
    return (await alert.textContent()) ?? '';
  }

  it('wrong secret: Xero refuses the sign-in and the app says which credentials to fix', async () => {
    const session = await open();
    const { page } = session;
    await ownUpToConnect(session, `WrongSecret${'x'.repeat(37)}`);
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    await consent(session, undefined, 'Liffey Training Academy', 'wrong-secret');
    const text = await failureText(page);
    expect(text).toContain('Xero says the Client ID or Secret is incorrect.');
    expect(text).toContain('generate a new Client Secret');
    await screenshotAndAxe(page, 'issue-wrong-secret');
  });

  it('unregistered redirect URI: Xero shows its error page and the app names the URI to register', async () => {
    const session = await open({ own: { 'oauth.ports': String(unregisteredPort) }, callbackTimeoutMs: 4_000 });
    const { page, context } = session;
    await ownUpToConnect(session);
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    const link = page.getByRole('link', { name: 'Open the Xero sign-in page' });
    const opened = context.waitForEvent('page');
    await link.click();
    const xero = await opened;
    await xero.getByText(/Invalid redirect_uri/).waitFor();
    const text = await failureText(page);
    expect(text).toContain('the redirect URI is not registered');
    expect(text).toContain(`add exactly http://localhost:${unregisteredPort}/callback`);
    await screenshotAndAxe(page, 'issue-redirect-uri');
  });

  it('wrong organisation picked: "you authorised X, not Y", with the fix', async () => {
    const session = await open();
    const { page } = session;
    await ownUpToConnect(session);
    await page.getByLabel('Organisation you expect (optional)').fill('Thames Valley Courses Ltd');
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    await consent(session, undefined, 'Liffey Training Academy', 'wrong-org');
    const text = await failureText(page);
    expect(text).toContain('You authorised "Liffey Training Academy", not "Thames Valley Courses Ltd".');
    expect(text).toContain('Connect again and pick "Thames Valley Courses Ltd"');
    await screenshotAndAxe(page, 'issue-wrong-org');
  });

  it('several organisations authorised: the picker shows name, country, currency and Tenant ID', async () => {
    const session = await open();
    const { page, context } = session;
    await ownUpToConnect(session);
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    const link = page.getByRole('link', { name: 'Open the Xero sign-in page' });
    await link.waitFor({ timeout: 45_000 });
    const opened = context.waitForEvent('page');
    await link.click();
    const xero = await opened;
    await xero.getByRole('button', { name: 'Log in as demo user', exact: true }).click();
    await xero.getByRole('checkbox', { name: 'Liffey Training Academy' }).check();
    await xero.getByRole('checkbox', { name: 'Thames Valley Courses Ltd' }).check();
    await xero.getByRole('button', { name: 'Allow access', exact: true }).click();
    await page.getByText('Several organisations were authorised').waitFor({ timeout: 45_000 });
    // Country and currency come from one read per organisation after the names: wait for them, not for a time.
    await expect.poll(() => page.locator('.wz-radio').allTextContents(), { timeout: 30_000 }).toEqual([
      expect.stringMatching(/Liffey Training Academy.*IE · EUR · Tenant ID 5506cf08/),
      expect.stringMatching(/Thames Valley Courses Ltd.*GB · GBP · Tenant ID 4373d1a4/),
    ]);
    await screenshotAndAxe(page, '4-organisation-picker');
    await page.getByRole('radio', { name: /Thames Valley Courses Ltd/ }).check();
    await page.getByRole('button', { name: 'Use this organisation', exact: true }).click();
    await page.locator('.wz-org-name').getByText('Connected to Thames Valley Courses Ltd').waitFor({ timeout: 45_000 });
    await page.getByLabel('Tax code title').waitFor({ timeout: 45_000 });
    expect(await page.getByLabel('Tax code title').inputValue()).toBe('20% (VAT on Income)');

    // Another organisation on purpose: the one chosen before is not held against the new choice.
    await page.getByRole('button', { name: 'Connect a different organisation', exact: true }).click();
    await page.getByRole('button', { name: 'Keep Thames Valley Courses Ltd', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    const again = page.getByRole('link', { name: 'Open the Xero sign-in page' });
    await again.waitFor({ timeout: 45_000 });
    const reopened = context.waitForEvent('page');
    await again.click();
    const xero2 = await reopened;
    const login = xero2.getByRole('button', { name: 'Log in as demo user', exact: true });
    if (await login.isVisible().catch(() => false)) await login.click();
    await xero2.getByRole('checkbox', { name: 'Liffey Training Academy' }).check();
    await xero2.getByRole('button', { name: 'Allow access', exact: true }).click();
    // Both stay connected to the app (Xero keeps earlier connections), so the assistant asks again.
    await page.getByText('Several organisations were authorised').waitFor({ timeout: 45_000 });
    await page.getByRole('radio', { name: /Liffey Training Academy/ }).check();
    await page.getByRole('button', { name: 'Use this organisation', exact: true }).click();
    await page.locator('.wz-org-name').getByText('Connected to Liffey Training Academy').waitFor({ timeout: 45_000 });
  });

  it('typed values: an archived account code and a tax name in the wrong case are refused with their fix', async () => {
    const session = await open();
    const { page } = session;
    await page.getByRole('button', { name: 'Try with sample data', exact: true }).click();
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).waitFor({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    await consent(session, undefined, 'Liffey Training Academy', 'typed');
    await page.getByLabel('Invoice Account Code').waitFor({ timeout: 45_000 });

    await page.getByRole('button', { name: 'Type a code instead', exact: true }).first().click();
    await page.getByLabel('Invoice Account Code').fill('250');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    let text = await failureText(page);
    expect(text).toContain('Account 250 Workshop Income (old) is archived in Xero');
    expect(text).toContain('Fix: Choose an active revenue account (for example 200 Sales');
    await screenshotAndAxe(page, 'issue-archived-code');

    await page.getByRole('button', { name: 'Pick from the list instead', exact: true }).click();
    await page.getByRole('button', { name: 'Type the title instead', exact: true }).click();
    await page.getByLabel('Tax code title').fill('23% vat on income');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    await expect.poll(() => failureText(page)).toContain("differs from Xero's tax rate '23% VAT on Income' only in letter case");
    text = await failureText(page);
    expect(text).toContain("Use '23% VAT on Income' exactly");
    expect(await page.getByText('Case-sensitive: CourseCo needs the title exactly as Xero spells it').isVisible()).toBe(true);
    await screenshotAndAxe(page, 'issue-tax-case');
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
    expect(await page.locator('.wz-choices').getByText('Fix:').count()).toBe(0);
    await screenshotAndAxe(page, 'issue-expense-account-warning');
  });

  it('restarting the host mid-wizard resumes at the right step with the right ticks', async () => {
    const first = await open();
    await ownUpToConnect(first);
    const dataDir = first.dataDir;
    await closeSession(first);

    const again = await open({ dataDir });
    const { page } = again;
    await expect.poll(() => panelTitle(page).textContent()).toBe('Connect & choose');
    expect(await ticks(page)).toEqual(checklistUpTo(2));
    await screenshotAndAxe(page, 'resume-after-restart');
    expect(again.problems).toEqual([]);
  });

  it('own Xero: from the first screen through an import of the person\'s export to a verified test sync', async () => {
    const session = await open();
    const { page } = session;
    await ownUpToConnect(session);
    await page.getByRole('button', { name: 'Connect to Xero', exact: true }).click();
    await consent(session, undefined, 'Liffey Training Academy', 'own');
    // Xero keeps an app's earlier connections: after the other cases in this file it holds both organisations, and the
    // assistant asks which one (run alone, it connects straight away).
    const connected = page.locator('.wz-org-name').getByText('Connected to Liffey Training Academy');
    const picker = page.getByText('Several organisations were authorised');
    await connected.or(picker).first().waitFor({ timeout: 45_000 });
    if (await picker.isVisible()) {
      await page.getByRole('radio', { name: /Liffey Training Academy/ }).check();
      await page.getByRole('button', { name: 'Use this organisation', exact: true }).click();
    }
    await connected.waitFor({ timeout: 45_000 });
    expect(await page.getByLabel('Invoice Account Code').inputValue()).toBe('200');
    await page.getByLabel('Which Xero rate should 0% VAT sales use?').selectOption('TAX005');
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Test the connection');

    // A fresh profile has nothing to test with: the step says where the export comes from and leads to the import.
    await page.getByText('No CourseCo transactions yet.').waitFor();
    await screenshotAndAxe(page, 'own-5-no-transactions');
    await page.getByRole('button', { name: 'Go to Transactions to import', exact: true }).click();
    await page.getByLabel('CourseCo export file').setInputFiles(path.join(REPO_ROOT, 'sandbox', 'sample-data', 'courseco-transactions-report.csv'));
    await page.getByRole('region', { name: 'Import' }).getByText(/new transactions/).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'wizard-own-imported');

    // The import offers the way back; in Setup the wizard is where it was, now with transactions to choose from.
    await page.getByRole('button', { name: 'Back to Setup to test one of them', exact: true }).click();
    await expect.poll(() => panelTitle(page).textContent(), { timeout: 20_000 }).toBe('Test the connection');
    const transaction = page.getByLabel('Transaction to test with');
    await transaction.waitFor();
    const picked = await transaction.inputValue();
    expect(picked).not.toBe('');
    await page.locator('.wz-planned').waitFor();
    await page.getByRole('button', { name: 'Sync to Xero', exact: true }).click();
    await page.getByRole('heading', { name: '✓ Xero has exactly what CourseCo sent' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.wz-compare tr[data-match="false"]').count()).toBe(0);
    await screenshotAndAxe(page, 'own-5-test-verified');

    // It went to the person's own Xero (not the sample profile's), once.
    const liffey = (ownXero.state().organisations as Array<{ name: string; Invoices: Array<{ Reference?: string; InvoiceID: string }> }>).find((o) => o.name === 'Liffey Training Academy')!;
    const sent = liffey.Invoices.filter((i) => i.Reference?.startsWith(`CourseCo Tx ${picked}`));
    expect(sent).toHaveLength(1);
    expect(await page.getByRole('link', { name: 'Open the invoice in Xero' }).getAttribute('href')).toContain(sent[0]!.InvoiceID);
    expect(await ticks(page)).toEqual(checklistUpTo(7));
    expect(session.problems).toEqual([]);
  });

  it('keyboard only: the start screen, the domain and the credentials can be completed without a mouse', async () => {
    const session = await open({ colorScheme: 'dark' });
    const { page } = session;
    const web = ownXero.clients.find((c) => c.type === 'web' && c.scopeMode === 'granular' && c.clientSecret)!;
    await page.getByRole('button', { name: 'Set up with my Xero', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Your CourseCo domain').waitFor();
    await page.getByLabel('Your CourseCo domain').focus();
    await page.keyboard.type('liffey.courseco.co');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelTitle(page).textContent()).toBe('Credentials');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wz-panel-title');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wz-client-id');
    await page.keyboard.type(web.clientId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(web.clientSecret!);
    await page.keyboard.press('Enter');
    await expect.poll(() => panelTitle(page).textContent()).toBe('Values for CourseCo');
    await screenshotAndAxe(page, '3-courseco-dark');
    expect(await ticks(page)).toContain('Store the Client ID and Secret:true');
  });
});
