#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security scanner) over the code that configures Electron: the shell, the
 * preload and the renderer's HTML. Every HIGH or MEDIUM finding must be listed, with the reason it is acceptable, in
 * security/electronegativity-reviewed.json; a finding that is not is a failure. Run by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const reviewed = JSON.parse(readFileSync(path.join(root, 'security/electronegativity-reviewed.json'), 'utf8')).reviewed;

const stage = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
try {
  const input = path.join(stage, 'input');
  cpSync(path.join(root, 'main/shell'), path.join(input, 'main/shell'), { recursive: true });
  cpSync(path.join(root, 'preload'), path.join(input, 'preload'), { recursive: true });
  cpSync(path.join(root, 'renderer/index.html'), path.join(input, 'renderer/index.html'));
  const csv = path.join(stage, 'findings.csv');
  const scanner = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  const shim = path.join(root, 'scripts/electronegativity-shim.cjs');
  // It tries to fetch translations and Electron's release list; without network it says so and carries on.
  const args = ['-r', shim, scanner, '-i', input, '-r', '-v', 'false', '-e', electronVersion, '-o', csv];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180_000 });
  if (!existsSync(csv)) {
    console.error(`security-audit: Electronegativity produced no report (exit ${run.status}).\n${run.stderr}`);
    process.exit(1);
  }
  const rows = Papa.parse(readFileSync(csv, 'utf8'), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() }).data;
  const serious = rows.filter((row) => ['HIGH', 'MEDIUM'].includes(String(row.severity).trim()));
  const unreviewed = serious.filter(
    (row) => !reviewed.some((entry) => entry.check === row.issue && row.filename.replaceAll('\\', '/').endsWith(entry.file)),
  );
  for (const row of serious) {
    const known = !unreviewed.includes(row);
    console.log(`${known ? 'reviewed ' : 'NEW      '} ${row.severity.padEnd(6)} ${row.issue} ${row.filename}:${row.location}`);
  }
  const stale = reviewed.filter((entry) => !serious.some((row) => row.issue === entry.check && row.filename.replaceAll('\\', '/').endsWith(entry.file)));
  for (const entry of stale) console.log(`stale     ${entry.check} ${entry.file} (no longer reported: remove it from the reviewed list)`);
  console.log(`${rows.length} findings, ${serious.length} high/medium, ${unreviewed.length} not reviewed`);
  if (unreviewed.length > 0 || stale.length > 0) {
    console.error('security-audit: review the findings above and fix them, or justify each in security/electronegativity-reviewed.json.');
    process.exit(1);
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
