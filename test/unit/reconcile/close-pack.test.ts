/**
 * The close pack as the accountant gets it: every section present, Irish dates and euro amounts, nothing from the
 * data able to become markup, a script or a spreadsheet formula, and the files written side by side.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { closePackDestination, countPdfPages, exportClosePack, type PdfPrinter } from '../../../main/app/close-pack-export';
import { DomainError } from '../../../main/errors';
import { closePackCsv, closePackHtml, PDF_LINE_LIMIT, verdictSentence } from '../../../main/sync/reconcile';
import { fixtureLines, fixtureReport } from '../../support/reconcile-fixture';
import { makeTempDir } from '../../support/temp-dir';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
/** What a reader sees: the page's words without tags, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ');

describe('the close pack page', () => {
  const html = closePackHtml(fixtureReport(), fixtureLines());

  it('holds every section: who, when, the verdict, months, breakdowns, drift, lines and a sign-off box', () => {
    const words = text(html);
    expect(words).toContain('Reconciliation close pack');
    expect(words).toContain('Period 01/09/2026 to 31/10/2026');
    // Prepared 2026-11-03T09:30Z: Irish time is GMT in November.
    expect(words).toContain('Prepared 03/11/2026 at 09:30');
    expect(words).toContain("CourseCo and Xero do not agree: 3 changes in Xero to resolve; Xero's total is €184.50 lower than CourseCo's.");
    for (const heading of ['Month by month', 'September 2026', 'October 2026', 'All months', 'By VAT rate', 'By account', 'By payment method', 'Changes found in Xero', 'Lines that differ', 'Sign-off', 'Prepared by', 'Reviewed by']) {
      expect(words).toContain(heading);
    }
    for (const column of ['Count', 'Before VAT', 'VAT', 'Total', 'Paid', 'Outstanding']) expect(html).toContain(`<th scope="col" class="num">${column}</th>`);
    expect(words).toContain('23 % (23% VAT on Income)');
    expect(words).toContain('200 Sales');
  });

  it('writes amounts and dates the Irish way, with the difference signed', () => {
    const words = text(html);
    expect(words).toContain('€1,660.50');
    expect(words).toContain('-€1,230.00');
    expect(words).toContain('+€1,045.50');
    expect(words).toContain('-€61.50');
    expect(words).toContain('17/09/2026');
    expect(words).not.toMatch(/2026-09-17|T09:30/);
  });

  it('names each change in plain words, with what changed, what to do and whether it was accepted', () => {
    const words = text(html);
    expect(words).toContain('Voided in Xero');
    expect(words).toContain('Amount changed in Xero');
    expect(words).toContain('€246.00 → €184.50');
    expect(words).toContain('Payment removed in Xero');
    expect(words).toContain('Send it again, or accept that it is voided.');
    expect(words).toContain('Changed in Xero on 02/11/2026');
    expect(html.match(/>To resolve</g)).toHaveLength(3);
    expect(html.match(/>Accepted</g)).toHaveLength(1);
    expect(words).toContain('(4 items, 3 still to resolve)');
    // The line that matches is not listed among those that differ.
    expect(words).not.toContain('Acme Training Ltd');
  });

  it('escapes every value: names with quotes, <, > and & stay text', () => {
    expect(html).toContain('Dublin &lt;Dance&gt; &amp; &quot;Drama&quot; School');
    expect(html).toContain('Seán &quot;The Boss&quot; Ó Briain &lt;CEO&gt; &amp; Co');
    expect(html).not.toContain('<Dance>');
    expect(html).not.toContain('<CEO>');
    // In the running footer (a CSS string), the name cannot close the string or the style element.
    const footer = /@bottom-left \{ content: ("[^"]*");/.exec(html)?.[1];
    expect(footer).toBeDefined();
    expect(footer).not.toMatch(/[<>]/);
    expect(footer).toContain('\\22 Drama\\22 ');
  });

  it('cannot run anything or load anything: no scripts, a strict CSP, links only to https', () => {
    const hostile = fixtureReport({ organisationName: '</style><script>alert(1)</script>' });
    const lines = fixtureLines().map((l, i) => (i === 1 ? { ...l, xeroUrl: 'javascript:alert(1)', documentNumber: '<img src=x onerror=alert(1)>' } : l));
    const page = closePackHtml(hostile, lines);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('javascript:');
    expect(page).not.toMatch(/<img/i);
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(page).toContain('<a href="https://go.xero.com/app/!abc12/invoicing/view/inv-1003">CC-1003</a>');
  });

  it('counts pages and numbers them in the page margin, and keeps to A4', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('content: "Page " counter(page) " of " counter(pages)');
  });

  it('says plainly when the books agree, with or without accepted differences', () => {
    const clean = fixtureReport({ matches: true, drift: [], unexplained: 0 });
    expect(verdictSentence(clean)).toBe('CourseCo and Xero agree: 5 transactions, €1,660.50 in total, the same on both sides.');
    const accepted = fixtureReport({ matches: true, drift: fixtureReport().drift.map((d) => ({ ...d, accepted: true })) });
    expect(verdictSentence(accepted)).toBe('CourseCo and Xero agree (5 transactions, €1,660.50 in total) once the 4 accepted differences listed below are taken into account.');
    expect(verdictSentence(fixtureReport({ unexplained: 1 }))).toContain('3 changes in Xero to resolve and 1 line that differs without an explanation');
    const chf = fixtureReport({ currency: 'CHF' });
    expect(verdictSentence(chf)).toContain('184.50 CHF lower');
  });

  it(`lists at most ${PDF_LINE_LIMIT} differing lines and points to the CSV for the rest`, () => {
    const one = fixtureLines()[1]!;
    const many = Array.from({ length: PDF_LINE_LIMIT + 7 }, (_, i) => ({ ...one, transactionId: `T${i}` }));
    const page = closePackHtml(fixtureReport(), many);
    expect(page).toContain('>T499<');
    expect(page).not.toContain('>T500<');
    expect(text(page)).toContain('The first 500 of 507 lines that differ are shown; the CSV beside this PDF lists every line.');
  });
});

describe('the close pack CSV', () => {
  const csv = closePackCsv(fixtureReport(), fixtureLines());
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

  it('has one row per line with both sides, the difference and the drift, in plain words', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [head, ...body] = rows;
    expect(body).toHaveLength(fixtureLines().length);
    expect(head).toEqual(expect.arrayContaining(['Month', 'CourseCo transaction', 'Contact', 'CourseCo total', 'Xero total', 'Difference total', 'Difference paid', 'Changes in Xero', 'Link to Xero']));
    const at = (row: string[], column: string) => row[head!.indexOf(column)];
    const voided = body.find((r) => at(r, 'CourseCo transaction') === '1002')!;
    expect(at(voided, 'CourseCo total')).toBe('123.00');
    expect(at(voided, 'Xero total')).toBe('0.00');
    expect(at(voided, 'Difference total')).toBe('-123.00');
    expect(at(voided, 'Difference count')).toBe('-1');
    expect(at(voided, 'Changes in Xero')).toBe('Voided in Xero');
    expect(at(voided, 'Contact')).toBe('Seán "The Boss" Ó Briain <CEO> & Co');
    expect(at(voided, 'Xero status')).toBe('VOIDED');
  });

  it('guards against formulas: a cell starting with = + - @ becomes text, a negative amount stays a number', () => {
    const [head, ...body] = rows;
    const contacts = body.map((r) => r[head!.indexOf('Contact')]);
    expect(contacts).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(contacts).toContain("'@Mary Murphy");
    const hostile = fixtureLines().map((l) => ({ ...l, contactName: '+cmd|" /C calc"!A0', note: '-2+3' }));
    const guarded = Papa.parse<string[]>(closePackCsv(fixtureReport(), hostile).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);
    for (const row of guarded) {
      expect(row[head!.indexOf('Contact')]).toBe(`'+cmd|" /C calc"!A0`);
      expect(row[head!.indexOf('Note')]).toBe("'-2+3");
    }
    const credit = body.find((r) => r[head!.indexOf('CourseCo transaction')] === '1005')!;
    expect(credit[head!.indexOf('CourseCo total')]).toBe('-61.50');
  });
});

describe('exporting the close pack', () => {
  const temp = makeTempDir('ccxa-close-pack-');
  afterAll(() => temp.cleanup());
  const fakePdf = (pages: number) => new TextEncoder().encode(`%PDF-1.4\n${Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj\n<</Type /Page /Parent 2 0 R>>\nendobj`).join('\n')}\n2 0 obj <</Type /Pages /Count ${pages}>> endobj\n%%EOF`);

  it('writes the PDF and the CSV side by side, named for the range, and counts the pages', async () => {
    let printed = '';
    const printer: PdfPrinter = async (html) => ((printed = html), fakePdf(3));
    const folder = path.join(temp.dir, 'exports');
    const pack = await exportClosePack({ report: fixtureReport(), lines: fixtureLines(), printer, folder });
    expect(pack).toEqual({ folder, pdf: path.join(folder, 'close-pack-2026-09-01-to-2026-10-31.pdf'), csv: path.join(folder, 'close-pack-2026-09-01-to-2026-10-31.csv'), pages: 3 });
    expect(printed).toContain('Reconciliation close pack');
    expect(readFileSync(pack.pdf, 'latin1').startsWith('%PDF-')).toBe(true);
    expect(readFileSync(pack.csv, 'utf8')).toContain('Voided in Xero');
  });

  it('keeps the CSV and says so when the PDF cannot be printed', async () => {
    const folder = path.join(temp.dir, 'failing');
    const printer: PdfPrinter = async () => {
      throw new DomainError('ChromiumNotFound', { message: 'No Chromium.', fix: 'Install Chromium, or export the CSV.' });
    };
    const failure = await exportClosePack({ report: fixtureReport(), lines: fixtureLines(), printer, folder, fileStem: 'pack' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).kind).toBe('ChromiumNotFound');
    expect((failure as DomainError).message).toBe('No Chromium. The CSV of every line was saved.');
    expect((failure as DomainError).fix).toBe('Install Chromium, or export the CSV.');
    expect(existsSync(path.join(folder, 'pack.csv'))).toBe(true);
    expect(existsSync(path.join(folder, 'pack.pdf'))).toBe(false);
  });

  it('refuses to save something that is not a PDF', async () => {
    const folder = path.join(temp.dir, 'not-pdf');
    const failure = await exportClosePack({ report: fixtureReport(), lines: [], printer: async () => new TextEncoder().encode('<html>'), folder }).catch((e: unknown) => e);
    expect((failure as DomainError).kind).toBe('PdfPrintFailed');
    expect(existsSync(path.join(folder, 'close-pack-2026-09-01-to-2026-10-31.pdf'))).toBe(false);
  });

  it("goes to the profile's exports folder, or where the save dialog says; a cancelled dialog is said", async () => {
    expect(await closePackDestination(fixtureReport(), { dataDir: '/data' })).toEqual({ folder: path.join('/data', 'exports'), fileStem: 'close-pack-2026-09-01-to-2026-10-31' });
    const asked: string[] = [];
    const chosen = await closePackDestination(fixtureReport(), { dataDir: '/data', chooseSavePath: async (name) => (asked.push(name), '/home/mary/Books/October.pdf') });
    expect(asked).toEqual(['close-pack-2026-09-01-to-2026-10-31.pdf']);
    expect(chosen).toEqual({ folder: '/home/mary/Books', fileStem: 'October' });
    const cancelled = await closePackDestination(fixtureReport(), { dataDir: '/data', chooseSavePath: async () => undefined }).catch((e: unknown) => e);
    expect((cancelled as DomainError).kind).toBe('ExportCancelled');
  });

  it('counts the pages of a PDF from its page objects, or its page tree', () => {
    expect(countPdfPages(fakePdf(4))).toBe(4);
    expect(countPdfPages(new TextEncoder().encode('%PDF-1.7 <</Type /Pages /Kids [] /Count 12>>'))).toBe(12);
    expect(countPdfPages(new TextEncoder().encode('not a pdf'))).toBe(0);
  });
});
