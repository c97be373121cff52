/**
 * 100,000-row CourseCo import: read the CSV, parse it, upsert it into a fresh journal (one SQL transaction).
 * Targets (issue 6): ≤ 3 s and ≤ 400 MB peak memory. Each run is a child process, so the peak RSS measured is the
 * import's own (Node itself included) and not whatever other benchmarks left in the runner's heap.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = 100_000;
const RUNS = 5;
const TIME_TARGET_MS = 3000;
const RSS_TARGET_MB = 400;
const WORKER_ENV = 'CCXA_IMPORT_BENCH_WORKER';

interface WorkerResult {
  ms: number;
  /** User + system CPU of the import, so a busy machine's wall-clock figures can be read against it. */
  cpuMs: number;
  maxRssMb: number;
  transactions: number;
  errors: number;
}

/**
 * A deterministic CourseCo-like export: multi-line transactions, quoted names with commas, euro amounts, VAT. Stops at
 * `rows` rows or `transactions` transactions, whichever comes first (a transaction is never cut short by the latter).
 */
export function generateExport(rows: number, transactions = Number.POSITIVE_INFINITY): string {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const courses = ['Occupational First Aid', 'Manual Handling', 'Fire Warden', 'Food Safety Level 2', 'Leadership – Module 1', 'Excel Intermediate'];
  const types = ['Booking - Pay Now', 'Booking - PAYG', 'Billed Booking'];
  const out = ['Transaction ID,Transaction Type,Booking ID,Organization,First Name,Last Name,Email,Course,Quantity,Unit Price,VAT,Total,Purchase Order No,Invoice Number,Date Created'];
  let tx = 100_000;
  for (let written = 0; written < rows && tx - 100_000 < transactions; tx++) {
    const lines = 1 + Math.floor(random() * 3);
    const org = `Company ${Math.floor(random() * 5000)}, Ltd`;
    const date = `2024-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')} 10:${String(Math.floor(random() * 60)).padStart(2, '0')}:00`;
    for (let l = 0; l < lines && written < rows; l++, written++) {
      const qty = 1 + Math.floor(random() * 6);
      const unit = (50 + Math.floor(random() * 400)) + 0.5;
      const net = qty * unit;
      const vat = Math.round(net * 23) / 100;
      out.push(
        `${tx},${types[tx % 3]},${tx - 50_000},"${org}",Jo,Bloggs,ap${tx}@example.ie,${courses[(tx + l) % courses.length]},${qty},${unit.toFixed(2)},${vat.toFixed(2)},"€${net.toLocaleString('en-IE', { minimumFractionDigits: 2 })}",PO-${tx},INV-${tx},${date}`,
      );
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

async function worker(): Promise<void> {
  const [file, dataDir] = [process.env.CCXA_BENCH_FILE!, process.env.CCXA_BENCH_DIR!];
  const { parseCourseCoExport } = await import('../main/courseco/import');
  const { openJournal } = await import('../main/sync/journal/journal');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const parsed = parseCourseCoExport(readFileSync(file));
  const journal = openJournal(dataDir);
  journal.importTransactions(parsed.transactions);
  journal.close();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const result: WorkerResult = { ms, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, transactions: parsed.transactions.length, errors: parsed.errors.length };
  process.stdout.write(JSON.stringify(result));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function importBench() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccxa-import-bench-'));
  try {
    const file = path.join(dir, 'transactions.csv');
    writeFileSync(file, generateExport(ROWS));
    const results: WorkerResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      const dataDir = path.join(dir, `profile-${run}`);
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, [WORKER_ENV]: '1', CCXA_BENCH_FILE: file, CCXA_BENCH_DIR: dataDir },
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (child.status !== 0) throw new Error(`import bench worker failed: ${child.stderr}`);
      results.push(JSON.parse(child.stdout) as WorkerResult);
    }
    const ms = median(results.map((r) => r.ms));
    const rss = Math.max(...results.map((r) => r.maxRssMb));
    const tx = results[0]!.transactions;
    return [
      { name: `import ${ROWS.toLocaleString('en')} rows (${tx.toLocaleString('en')} transactions) into the journal, median of ${RUNS}`, value: Math.round(ms), unit: 'ms', target: `≤ ${TIME_TARGET_MS} ms`, pass: ms <= TIME_TARGET_MS },
      { name: `import ${ROWS.toLocaleString('en')} rows: peak memory (RSS, worst of ${RUNS})`, value: Math.round(rss), unit: 'MB', target: `≤ ${RSS_TARGET_MB} MB`, pass: rss <= RSS_TARGET_MB },
      { name: 'import 100,000 rows: time as a share of the target', value: Number((ms / TIME_TARGET_MS).toFixed(2)), unit: '×', target: '≤ 1.00×', pass: ms <= TIME_TARGET_MS },
      { name: 'import 100,000 rows: CPU time (user + system, median; all threads incl. GC)', value: Math.round(median(results.map((r) => r.cpuMs))), unit: 'ms', target: 'informational', pass: null },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env[WORKER_ENV] === '1') await worker();
