/**
 * The close pack printed by the real thing: Debian's Chromium through main/app/chromium-pdf.ts (what the CLI and the
 * web host print with), written beside its CSV by exportClosePack. The PDF is checked (a PDF, pages counted as the
 * PDF's own page tree says) and each page is turned into an image for people to look at:
 * test-results/close-pack-page-N.png (pdftoppm, from poppler-utils, which scripts/run-tests.mjs installs).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPdfPrinter } from '../../main/app/chromium-pdf';
import { exportClosePack } from '../../main/app/close-pack-export';
import { fixtureLines, fixtureReport } from '../support/reconcile-fixture';
import { makeTempDir } from '../support/temp-dir';
import { CHROMIUM_PATH } from './support/chromium';
import { RESULTS_DIR } from './support/screenshots';

const temp = makeTempDir('ccxa-close-pack-e2e-');
afterAll(() => temp.cleanup());

/** The fixture's lines plus enough differing ones to run the lines table over a page break. */
function manyLines() {
  const lines = fixtureLines();
  const voided = lines[1]!;
  const extra = Array.from({ length: 45 }, (_, i) => ({
    ...voided,
    transactionId: String(2000 + i),
    date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
    period: '2026-10',
    contactName: i % 3 === 0 ? `Ó Súilleabháin Family Learning Centre (branch ${i})` : `Parent ${i}`,
    documentNumber: `CC-${2000 + i}`,
  }));
  return [...lines, ...extra];
}

describe('the close pack printed by Chromium', () => {
  it('is a PDF of numbered A4 pages, written beside the CSV, and each page is saved as an image', async () => {
    const printer = chromiumPdfPrinter({ env: { ...process.env, COURSECO_XERO_CHROMIUM: CHROMIUM_PATH } });
    const pack = await exportClosePack({ report: fixtureReport(), lines: manyLines(), printer, folder: path.join(temp.dir, 'exports') });
    const bytes = readFileSync(pack.pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pack.pages).toBeGreaterThanOrEqual(2);

    const info = spawnSync('pdfinfo', [pack.pdf], { encoding: 'utf8' });
    expect(info.error, 'pdfinfo (poppler-utils) is needed: scripts/run-tests.mjs installs it for e2e').toBeUndefined();
    expect(Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1])).toBe(pack.pages);
    // A4 is 595 × 842 points (Chromium writes 594.96 × 841.92); poppler names it.
    expect(info.stdout).toMatch(/^Page size:.*\(A4\)$/m);
    const text = spawnSync('pdftotext', ['-layout', pack.pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Reconciliation close pack');
    expect(text).toContain('Dublin <Dance> & "Drama" School');
    expect(text).toContain(`Page 1 of ${pack.pages}`);
    expect(text).toContain(`Page ${pack.pages} of ${pack.pages}`);
    expect(text).toContain('Reviewed by');

    mkdirSync(RESULTS_DIR, { recursive: true });
    for (const old of readdirSync(RESULTS_DIR, { withFileTypes: true }).filter((f) => /^close-pack-page-\d+\.png$/.test(f.name))) rmSync(path.join(RESULTS_DIR, old.name));
    const images = spawnSync('pdftoppm', ['-r', '90', '-png', pack.pdf, path.join(RESULTS_DIR, 'close-pack-page')], { encoding: 'utf8' });
    expect(images.status, images.stderr).toBe(0);
    // pdftoppm pads the page number to the page count's width; the images are named close-pack-page-N.png.
    for (const file of readdirSync(RESULTS_DIR).filter((f) => /^close-pack-page-\d+\.png$/.test(f))) {
      const n = Number(/(\d+)\.png$/.exec(file)![1]);
      if (file !== `close-pack-page-${n}.png`) renameSync(path.join(RESULTS_DIR, file), path.join(RESULTS_DIR, `close-pack-page-${n}.png`));
    }
    const saved = readdirSync(RESULTS_DIR).filter((f) => /^close-pack-page-\d+\.png$/.test(f));
    expect(saved).toHaveLength(pack.pages);
  });
});
