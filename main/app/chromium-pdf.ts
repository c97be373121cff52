/**
 * Prints HTML to PDF with a headless Chromium found on the machine: how the CLI and the web host print the close
 * pack (the desktop app prints with Electron's own Chromium instead, main/shell/print-to-pdf.ts). The HTML goes to a
 * private temporary folder, which also holds Chromium's throwaway profile, and the folder is removed on every way out.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomainError } from '../errors';
import type { PdfPrinter } from './close-pack-export';

/** Programs tried on PATH, in order, when no environment variable names one. */
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome'];
const DEFAULT_TIMEOUT_MS = 60_000;

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: COURSECO_XERO_CHROMIUM, then CHROMIUM_PATH (what the test runner uses), then the usual
 * names on PATH. Undefined when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const named of [env.COURSECO_XERO_CHROMIUM, env.CHROMIUM_PATH]) {
    if (named && executable(named)) return named;
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of ON_PATH) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

export const NO_CHROMIUM_FIX = 'Install Chromium (Debian and Ubuntu: apt-get install chromium), or set COURSECO_XERO_CHROMIUM to its path; or export the CSV instead (--export FILE.csv).';

export interface ChromiumPrinterOptions {
  env?: NodeJS.ProcessEnv;
  /** How long one print may take before Chromium is stopped (default a minute). */
  timeoutMs?: number;
}

/** A PdfPrinter over the Chromium found on the machine; the search happens at print time, so a missing one is said then. */
export function chromiumPdfPrinter(options: ChromiumPrinterOptions = {}): PdfPrinter {
  return async (html) => {
    const chromium = findChromium(options.env ?? process.env);
    if (!chromium) {
      throw new DomainError('ChromiumNotFound', { message: 'The close pack could not be printed as a PDF: no Chromium or Google Chrome was found on this computer.', fix: NO_CHROMIUM_FIX });
    }
    return printWith(chromium, html, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  };
}

async function printWith(chromium: string, html: string, timeoutMs: number): Promise<Uint8Array> {
  // mkdtemp makes the folder readable by this user only; the pack names customers and amounts.
  const dir = await mkdtemp(path.join(tmpdir(), 'courseco-xero-print-'));
  try {
    const page = path.join(dir, 'close-pack.html');
    const pdf = path.join(dir, 'close-pack.pdf');
    await writeFile(page, html, { mode: 0o600 });
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No --blink-settings=scriptEnabled=false: headless Chromium then exits without printing (seen with Debian's
      // Chromium 156). The page has no scripts, and its CSP (default-src 'none') forbids any.
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--print-to-pdf=${pdf}`,
      '--no-pdf-header-footer',
      // Chromium will not start as root with its sandbox (containers, CI); it only ever opens our own file here.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(page).href,
    ];
    const outcome = await run(chromium, args, timeoutMs);
    let bytes: Buffer;
    try {
      bytes = await readFile(pdf);
    } catch {
      throw new DomainError('PdfPrintFailed', {
        message: `The close pack could not be printed as a PDF: Chromium ${outcome.timedOut ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : `stopped without writing it (exit ${String(outcome.code)})`}.`,
        fix: 'Try again; if it keeps failing, export the CSV instead (--export FILE.csv).',
        evidence: outcome.stderr.slice(-2000),
      });
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    // Chromium's helpers may still be letting go of the profile for a moment.
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; timedOut: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout stops Chromium's helper processes too.
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new DomainError('PdfPrintFailed', { message: `The close pack could not be printed as a PDF: Chromium could not be started (${error.message}).`, fix: NO_CHROMIUM_FIX }));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      // Helpers left behind by a crashed browser process must not outlive the print.
      if (code !== 0) kill();
      resolve({ code, timedOut, stderr });
    });
  });
}
