/**
 * Runs every bench/*.bench.ts (each default-exports `async () => BenchResult[]`), prints one markdown table and
 * writes it to bench/results.md. Usage: `npm run bench` (= `tsx bench/run.ts`), optionally with name filters:
 * `tsx bench/run.ts sandbox`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  /** null when the figure is informational only. */
  pass: boolean | null;
}

type Bench = () => Promise<BenchResult[]>;

const here = path.dirname(fileURLToPath(import.meta.url));

function table(rows: { file: string; result: BenchResult }[]): string {
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 10 ? 2 : 1));
  const lines = ['| Bench | Measure | Value | Target | Result |', '|---|---|---:|---|---|'];
  for (const { file, result } of rows) {
    const verdict = result.pass === null ? 'info' : result.pass ? 'pass' : '**FAIL**';
    lines.push(`| ${file} | ${result.name} | ${fmt(result.value)} ${result.unit} | ${result.target} | ${verdict} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  const rows: { file: string; result: BenchResult }[] = [];
  let failed = false;
  for (const file of files) {
    process.stderr.write(`bench: running ${file}\n`);
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default?: Bench };
    if (typeof mod.default !== 'function') {
      process.stderr.write(`bench: ${file} has no default export function; skipped\n`);
      continue;
    }
    try {
      for (const result of await mod.default()) {
        rows.push({ file: file.replace(/\.bench\.ts$/, ''), result });
        if (result.pass === false) failed = true;
      }
    } catch (e) {
      failed = true;
      rows.push({ file: file.replace(/\.bench\.ts$/, ''), result: { name: `error: ${e instanceof Error ? e.message : String(e)}`, value: 0, unit: '', target: '', pass: false } });
    }
  }
  const md = `# Benchmarks\n\nRun ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}. Speed targets are ratios measured in this same run (×); absolute times are for information.\n\n${table(rows)}\n`;
  process.stdout.write(`${md}\n`);
  if (filters.length === 0) writeFileSync(path.join(here, 'results.md'), md);
  return failed ? 1 : 0;
}

process.exitCode = await main();
