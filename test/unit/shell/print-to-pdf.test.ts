/**
 * The desktop app prints the close pack with Electron's own Chromium (Electron cannot run here: a fake `electron`
 * plays it): a hidden window with JavaScript off, in a session of its own, loads the page from a data: URL, prints it
 * to PDF and is destroyed whatever happens. The PDF crosses from the window's process to the services process as a
 * host request's answer (base64), and arrives as the same bytes.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { HostCapabilities } from '../../../main/app/open-profile';
import { silentLogger } from '../../../main/log';
import type { FromServices, ParentLink, ToServices } from '../../../main/services-process/messages';
import { serveServices, type ServedServices } from '../../../main/services-process/serve-services';
import { createFakeElectron } from './fake-electron';

const fake = createFakeElectron();
vi.mock('electron', () => fake);
const { printHtmlToPdf, closePackDataUrl, MAX_DATA_URL_CHARS } = await import('../../../main/shell/print-to-pdf');
const { saveFilters } = await import('../../../main/shell/desktop-app');

type FakeWindow = InstanceType<typeof fake.BrowserWindow>;
const lastWindow = () => fake.BrowserWindow.instances.at(-1) as FakeWindow & { options: BrowserWindowConstructorOptions };

describe('printing the close pack in the desktop app', () => {
  it('prints from a hidden window that runs no JavaScript, in its own session, and destroys it', async () => {
    const html = '<!doctype html><p>Close pack for Seán Ó Briain &amp; Co</p>';
    const pdf = await printHtmlToPdf(html);
    const window = lastWindow();
    expect(Buffer.from(pdf).toString('latin1').startsWith('%PDF-')).toBe(true);
    expect(window.options.show).toBe(false);
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, partition: 'close-pack-print' });
    expect(prefs.preload).toBeUndefined();
    expect(prefs.partition).not.toMatch(/^persist:/);
    // The page arrives whole, as a data: URL (no file, no server), and comes back out the same.
    expect(window.loadedUrl).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(Buffer.from(window.loadedUrl!.split(',')[1]!, 'base64').toString('utf8')).toBe(html);
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, generateTaggedPDF: true });
    expect(window.isDestroyed()).toBe(true);
  });

  it('destroys the window when printing fails, and says why', async () => {
    const printing = printHtmlToPdf('<p>x</p>');
    const window = lastWindow();
    window.webContents.printToPDF.mockRejectedValueOnce(new Error('Printing failed'));
    await expect(printing).rejects.toThrow('Printing failed');
    expect(window.isDestroyed()).toBe(true);
  });

  it('gives up on a print that never finishes, and destroys the window', async () => {
    const printing = printHtmlToPdf('<p>x</p>', 50);
    const window = lastWindow();
    window.webContents.printToPDF.mockImplementationOnce(() => new Promise<Buffer>(() => undefined));
    await expect(printing).rejects.toThrow('The close pack did not print within 0 s.');
    expect(window.isDestroyed()).toBe(true);
  });

  it('refuses a page too long for a URL before opening any window', () => {
    const before = fake.BrowserWindow.instances.length;
    expect(() => closePackDataUrl('x'.repeat(MAX_DATA_URL_CHARS))).toThrow(/too large to print here; export the CSV instead/);
    expect(fake.BrowserWindow.instances.length).toBe(before);
  });

  it("asks the save dialog for a PDF when saving a close pack, a zip for a support bundle", () => {
    expect(saveFilters('close-pack-2026-10-01-to-2026-10-31.pdf')[0]!.extensions).toEqual(['pdf']);
    expect(saveFilters('courseco-xero-support-2026-10-31.zip')[0]!.extensions).toEqual(['zip']);
  });
});

describe('the PDF crossing to the services process', () => {
  it('is asked of the window as a host request, and arrives as the same bytes', async () => {
    const posted: FromServices[] = [];
    let deliver: (message: ToServices) => void = () => undefined;
    const link: ParentLink = { post: (m) => posted.push(m), onMessage: (listener) => (deliver = listener) };
    let capabilities: HostCapabilities = {};
    const served: ServedServices = { handlers: {} as ServedServices['handlers'], bus: { attach: () => () => undefined } as unknown as ServedServices['bus'], dispose: async () => undefined };
    serveServices(link, (_options, given) => ((capabilities = given), served), silentLogger, () => undefined);
    deliver({ kind: 'start', options: { host: 'electron', dataDir: '/d', logLevel: 'warn', versions: { node: '20' }, capabilities: ['printToPdf'] } });
    expect(capabilities.printToPdf).toBeTypeOf('function');

    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80]);
    const printed = capabilities.printToPdf!('<p>pack</p>');
    const request = posted.find((m) => m.kind === 'host-request');
    expect(request).toMatchObject({ kind: 'host-request', op: 'printToPdf', arg: '<p>pack</p>' });
    deliver({ kind: 'host-answer', id: (request as { id: number }).id, ok: true, value: Buffer.from(bytes).toString('base64') });
    expect(Array.from(await printed)).toEqual(Array.from(bytes));
  });

  it('is not offered by a host that cannot print', () => {
    let capabilities: HostCapabilities = {};
    let deliver: (message: ToServices) => void = () => undefined;
    const served = { handlers: {}, bus: { attach: () => () => undefined }, dispose: async () => undefined } as unknown as ServedServices;
    serveServices({ post: () => undefined, onMessage: (l) => (deliver = l) }, (_o, given) => ((capabilities = given), served), silentLogger, () => undefined);
    deliver({ kind: 'start', options: { host: 'web', dataDir: '/d', logLevel: 'warn', versions: { node: '20' }, capabilities: [] } });
    expect(capabilities.printToPdf).toBeUndefined();
  });
});
