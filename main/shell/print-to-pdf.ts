/**
 * The desktop app prints the close pack with Electron's own Chromium: a hidden window that runs no JavaScript, in a
 * throwaway session of its own, loads the one self-contained page from a data: URL and prints it with
 * `webContents.printToPDF`. The services process asks for it through the host request `printToPdf` (they never
 * touch Electron). The navigation guards of security.ts cover this window too (they are applied to every
 * webContents); they do not stand in the way, because Electron raises `will-navigate` only for navigations the page
 * starts, never for `loadURL`, and the page cannot start any: no scripts, and its CSP allows nothing to load.
 */
import { BrowserWindow } from 'electron';

/** Chromium will not navigate to a longer URL (url::kMaxURLChars, 2 MiB); the close pack lists at most 500 lines, far below. */
export const MAX_DATA_URL_CHARS = 2 * 1024 * 1024;
const PRINT_TIMEOUT_MS = 60_000;

/** The print window's options, spelled out at the constructor for static auditors, like the main window's. */
export function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    // A4 at 96 dpi: the page lays out as it will print.
    width: 794,
    height: 1123,
    webPreferences: {
      // The page is data, not code: no JavaScript at all, in a sandboxed renderer with no Node and no preload.
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // As in the main window: no middle-click window opening (a link in the pack is never followed here).
      disableBlinkFeatures: 'Auxclick',
      // An in-memory session of its own (no "persist:"), so the page shares no storage with the app's window.
      partition: 'close-pack-print',
    },
  });
}

export function closePackDataUrl(html: string): string {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_DATA_URL_CHARS) throw new Error('The close pack is too large to print here; export the CSV instead.');
  return url;
}

/** Prints one self-contained HTML page to PDF (A4 and margins from the page's own @page rule). */
export async function printHtmlToPdf(html: string, timeoutMs = PRINT_TIMEOUT_MS): Promise<Uint8Array> {
  const url = closePackDataUrl(html);
  const window = createPrintWindow();
  let timer: NodeJS.Timeout | undefined;
  try {
    const printing = (async () => {
      await window.loadURL(url);
      return window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, generateTaggedPDF: true });
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The close pack did not print within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    });
    const pdf = await Promise.race([printing, timeout]);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
  }
}
