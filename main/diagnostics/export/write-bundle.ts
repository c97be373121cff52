/**
 * Writes the support bundle: one zip (yazl) with `report.html`, `diagnostics.json` (versioned) and `sync-log.json`.
 * Its only input is a SupportBundleInput, a type with no field for a secret or a token.
 */
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { SupportBundleInput } from './bundle-input';
import { renderReportHtml } from './report-html';

export function bundleFileName(at: string): string {
  return `courseco-xero-diagnostics-${at.replace(/[:.]/g, '-').replace(/Z$/, 'Z')}.zip`;
}

export function bundleFiles(input: SupportBundleInput): Array<{ name: string; content: string }> {
  const { syncLog, ...rest } = input;
  return [
    { name: 'report.html', content: renderReportHtml(input) },
    { name: 'diagnostics.json', content: `${JSON.stringify({ ...rest, version: input.report.version, checks: input.report.checks }, null, 2)}\n` },
    { name: 'sync-log.json', content: `${JSON.stringify({ schemaVersion: input.schemaVersion, generatedAt: input.generatedAt, ...syncLog }, null, 2)}\n` },
  ];
}

export async function writeSupportBundle(input: SupportBundleInput, file: string): Promise<{ path: string; bytes: number }> {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date(input.generatedAt);
  for (const entry of bundleFiles(input)) zip.addBuffer(Buffer.from(entry.content, 'utf8'), entry.name, { mtime, mode: 0o644 });
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(target, { mode: 0o600 });
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
  return { path: target, bytes: statSync(target).size };
}
