/**
 * Writes the accountant's close pack: the PDF (printed by whatever the host prints with) and the CSV of every line,
 * side by side, as `close-pack-<from>-to-<to>.pdf|.csv` in the profile's exports folder or where the host's save
 * dialog says. Used by the `reconcile.exportClosePack` handler and the CLI's `reconcile --export`.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClosePack, ReconcileLine, ReconcileReport } from '../../contract/features/reconcile';
import { EXPORTS_DIR } from '../diagnostics/diagnostics-service';
import { DomainError } from '../errors';
import { closePackCsv, closePackHtml } from '../sync/reconcile';

/** Turns one self-contained HTML page into PDF bytes: Electron's printToPDF, or a headless Chromium (chromium-pdf.ts). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** `close-pack-2026-10-01-to-2026-10-31`: the name both files share. */
export function closePackFileStem(report: Pick<ReconcileReport, 'from' | 'to'>): string {
  return `close-pack-${report.from}-to-${report.to}`;
}

/**
 * Where the pack goes: the folder and name the host's save dialog returns (the CSV beside the PDF), or the profile's
 * exports folder where a host has no dialog (web host, CLI). A cancelled dialog is said, not ignored.
 */
export async function closePackDestination(
  report: Pick<ReconcileReport, 'from' | 'to'>,
  where: { dataDir: string; chooseSavePath?: (defaultName: string) => Promise<string | undefined> },
): Promise<{ folder: string; fileStem: string }> {
  const fileStem = closePackFileStem(report);
  if (!where.chooseSavePath) return { folder: path.join(where.dataDir, EXPORTS_DIR), fileStem };
  const chosen = await where.chooseSavePath(`${fileStem}.pdf`);
  if (!chosen) throw new DomainError('ExportCancelled', { message: 'The close pack was not saved: the save dialog was cancelled.', fix: 'Export again and choose where to save it.' });
  return { folder: path.dirname(chosen), fileStem: path.basename(chosen).replace(/\.pdf$/i, '') || fileStem };
}

/**
 * Pages in a PDF as Chromium writes it (Skia: uncompressed page dictionaries): the page objects, or else the page
 * tree's /Count. 0 when neither is found.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length ? Math.max(...counts) : 0;
}

/** Writes a file whole or not at all: a reader never sees half a PDF. */
async function writeWhole(file: string, data: string | Uint8Array): Promise<void> {
  const part = `${file}.part`;
  try {
    await writeFile(part, data);
    await rename(part, file);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

export interface ExportClosePackInput {
  report: ReconcileReport;
  /** Every line of the report (ReconcileService.allLines()). */
  lines: readonly ReconcileLine[];
  printer: PdfPrinter;
  /** Created when missing. */
  folder: string;
  /** Defaults to closePackFileStem(report). */
  fileStem?: string;
}

/**
 * Writes `<stem>.csv`, then prints and writes `<stem>.pdf`. The CSV goes first and stays when printing fails, so the
 * accountant still gets every line; the error says so.
 */
export async function exportClosePack(input: ExportClosePackInput): Promise<ClosePack> {
  const stem = input.fileStem ?? closePackFileStem(input.report);
  await mkdir(input.folder, { recursive: true });
  const csv = path.join(input.folder, `${stem}.csv`);
  const pdf = path.join(input.folder, `${stem}.pdf`);
  await writeWhole(csv, closePackCsv(input.report, input.lines));
  let bytes: Uint8Array;
  try {
    bytes = await input.printer(closePackHtml(input.report, input.lines));
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError(error.kind, { message: `${error.message} The CSV of every line was saved.`, ...(error.fix ? { fix: error.fix } : {}), evidence: [error.evidence, `CSV: ${csv}`].filter(Boolean).join('\n'), cause: error });
    }
    throw error;
  }
  const pages = countPdfPages(bytes);
  if (!Buffer.from(bytes.subarray(0, 5)).toString('latin1').startsWith('%PDF-') || pages === 0) {
    throw new DomainError('PdfPrintFailed', { message: 'The close pack could not be printed: what came back is not a PDF. The CSV of every line was saved.', fix: 'Try again; if it keeps failing, send a support bundle.', evidence: `CSV: ${csv}` });
  }
  await writeWhole(pdf, bytes);
  return { folder: input.folder, pdf, csv, pages };
}
