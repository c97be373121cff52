/**
 * Printing with the machine's Chromium, played by small stand-in programs (the real one is printed with in
 * test/e2e/close-pack.e2e.ts): which program is used, what it is asked, that the private folder always goes, and
 * what a person is told when there is no Chromium or it hangs.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPdfPrinter, findChromium } from '../../../main/app/chromium-pdf';
import { DomainError } from '../../../main/errors';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('ccxa-chromium-pdf-');
afterAll(() => temp.cleanup());

/** A stand-in Chromium: records its arguments and what the page said, then does what `body` says. */
function fakeChromium(name: string, body: string): string {
  const file = path.join(temp.dir, name);
  writeFileSync(
    file,
    `#!/bin/sh
printf '%s\\n' "$@" > "${file}.args"
for a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; file://*) page="\${a#file://}";; esac; done
cat "$page" > "${file}.page"
${body}
`,
  );
  chmodSync(file, 0o755);
  return file;
}

const printsAPdf = `printf '%%PDF-1.4\\n<</Type /Page>>\\n%%%%EOF' > "$out"`;

describe('finding Chromium', () => {
  it('takes COURSECO_XERO_CHROMIUM, then CHROMIUM_PATH, then chromium, chromium-browser or google-chrome on PATH', () => {
    const bin = path.join(temp.dir, 'bin');
    const own = fakeChromium('own-chromium', printsAPdf);
    const ci = fakeChromium('ci-chromium', printsAPdf);
    mkdirSync(bin, { recursive: true });
    const onPath = fakeChromium(path.join('bin', 'google-chrome'), printsAPdf);
    expect(findChromium({ COURSECO_XERO_CHROMIUM: own, CHROMIUM_PATH: ci, PATH: bin })).toBe(own);
    expect(findChromium({ COURSECO_XERO_CHROMIUM: path.join(temp.dir, 'missing'), CHROMIUM_PATH: ci, PATH: bin })).toBe(ci);
    expect(findChromium({ PATH: `${path.join(temp.dir, 'nowhere')}${path.delimiter}${bin}` })).toBe(onPath);
    expect(findChromium({ PATH: path.join(temp.dir, 'nowhere') })).toBeUndefined();
  });
});

describe('printing with it', () => {
  it('prints the page from a private folder, headless and without a profile of its own, and removes the folder', async () => {
    const chromium = fakeChromium('prints', printsAPdf);
    const pdf = await chromiumPdfPrinter({ env: { COURSECO_XERO_CHROMIUM: chromium } })('<p>Close pack for Dublin &amp; Co</p>');
    expect(Buffer.from(pdf).toString('latin1').startsWith('%PDF-')).toBe(true);
    expect(readFileSync(`${chromium}.page`, 'utf8')).toBe('<p>Close pack for Dublin &amp; Co</p>');
    const args = readFileSync(`${chromium}.args`, 'utf8').trim().split('\n');
    for (const flag of ['--headless', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--no-pdf-header-footer']) expect(args).toContain(flag);
    const profile = args.find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    const page = args.at(-1)!;
    expect(page).toMatch(/^file:\/\/.*close-pack\.html$/);
    expect(path.dirname(profile)).toBe(path.dirname(page.slice('file://'.length)));
    expect(existsSync(path.dirname(profile))).toBe(false);
  });

  it('says in plain words, with the fix, when there is no Chromium', async () => {
    const failure = await chromiumPdfPrinter({ env: { PATH: path.join(temp.dir, 'nowhere') } })('<p>x</p>').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).kind).toBe('ChromiumNotFound');
    expect((failure as DomainError).message).toBe('The close pack could not be printed as a PDF: no Chromium or Google Chrome was found on this computer.');
    expect((failure as DomainError).fix).toMatch(/Install Chromium.*or export the CSV instead/);
  });

  it('stops a Chromium that hangs, says so, and still removes the folder', async () => {
    const chromium = fakeChromium('hangs', 'sleep 30');
    const failure = await chromiumPdfPrinter({ env: { COURSECO_XERO_CHROMIUM: chromium }, timeoutMs: 300 })('<p>x</p>').catch((e: unknown) => e);
    expect((failure as DomainError).kind).toBe('PdfPrintFailed');
    expect((failure as DomainError).message).toMatch(/Chromium did not finish within/);
    const profile = readFileSync(`${chromium}.args`, 'utf8').split('\n').find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    expect(existsSync(path.dirname(profile))).toBe(false);
  });

  it('says what Chromium said when it stops without a PDF', async () => {
    const chromium = fakeChromium('crashes', 'echo "Trace/breakpoint trap" >&2; exit 133');
    const failure = await chromiumPdfPrinter({ env: { COURSECO_XERO_CHROMIUM: chromium } })('<p>x</p>').catch((e: unknown) => e);
    expect((failure as DomainError).kind).toBe('PdfPrintFailed');
    expect((failure as DomainError).message).toContain('stopped without writing it (exit 133)');
    expect((failure as DomainError).evidence).toContain('Trace/breakpoint trap');
  });
});
