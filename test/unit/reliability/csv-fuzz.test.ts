/**
 * CSV fuzz: 1,200 mutated CourseCo exports. None may crash the importer; every rejection names its row, column and
 * reason; and every transaction whose rows the mutation did not touch is still imported, unchanged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseCoExport } from '../../../main/courseco/import';
import type { CourseCoTransaction } from '../../../main/courseco/types';
import { pick, seededRandom } from '../../support/seeded-random';

const SAMPLE = readFileSync(path.resolve('sandbox/sample-data/courseco-transactions-report.csv'), 'utf8');
const CASES = 1200;
const SEED = 20261125;

type Mutation = { name: string; apply(lines: string[], random: () => number): { lines: string[]; touched: number[] } };

/** Line indexes are 0-based over the file's lines; index 0 is the header. */
const mutations: Mutation[] = [
  {
    name: 'garble a field',
    apply(lines, random) {
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const cells = lines[at]!.split(',');
      const cell = Math.floor(random() * cells.length);
      const value = pick(random, ['', 'abc', '12O.00', '31/02/2026', '-', '€€', '1.2.3', '"', '9'.repeat(30), 'NaN', '(20.00', '💥']);
      cells[cell] = value;
      const copy = [...lines];
      copy[at] = cells.join(',');
      // A lone quote opens a quoted field that never closes: like 'unbalanced quote', the rest of the file is touched.
      const touched = value === '"' ? Array.from({ length: copy.length - at }, (_, i) => at + i) : [at];
      return { lines: copy, touched };
    },
  },
  {
    name: 'drop characters',
    apply(lines, random) {
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const line = lines[at]!;
      const from = Math.floor(random() * line.length);
      const copy = [...lines];
      copy[at] = line.slice(0, from) + line.slice(from + 1 + Math.floor(random() * 8));
      return { lines: copy, touched: [at] };
    },
  },
  {
    name: 'insert random bytes',
    apply(lines, random) {
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const line = lines[at]!;
      const from = Math.floor(random() * line.length);
      const noise = Array.from({ length: 1 + Math.floor(random() * 6) }, () => String.fromCharCode(Math.floor(random() * 0x2000))).join('');
      const copy = [...lines];
      copy[at] = line.slice(0, from) + noise + line.slice(from);
      return { lines: copy, touched: [at] };
    },
  },
  {
    name: 'truncate the file mid-line',
    apply(lines, random) {
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const copy = lines.slice(0, at + 1);
      copy[at] = copy[at]!.slice(0, Math.floor(random() * copy[at]!.length));
      return { lines: copy, touched: [at] };
    },
  },
  {
    name: 'add a blank or total row',
    apply(lines, random) {
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const copy = [...lines];
      copy.splice(at, 0, pick(random, ['', ',,,,', 'Total,,,,,,,,,,,,,,,,,,1234.00', 'Grand Total,,,,,,,,,,,,,,,,,,99.00']));
      return { lines: copy, touched: [] };
    },
  },
  {
    name: 'unbalanced quote',
    apply(lines, random) {
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const copy = [...lines];
      copy[at] = `"${copy[at]!}`;
      // An open quote swallows the rest of the file into one field: every later row counts as touched.
      return { lines: copy, touched: Array.from({ length: copy.length - at }, (_, i) => at + i) };
    },
  },
];

function transactionIdOf(line: string): string {
  return line.split(',')[0]!.replace(/"/g, '').trim();
}

describe('CSV fuzz (1,200 mutated CourseCo exports)', () => {
  const baseline = parseCourseCoExport(new TextEncoder().encode(SAMPLE), { kind: 'transactions' });
  const byId = new Map<string, CourseCoTransaction>(baseline.transactions.map((t) => [t.transactionId, t]));
  const lines = SAMPLE.replace(/\r?\n$/, '').split(/\r?\n/);

  // CPU-bound: about 4 s on an idle two-core machine, many times that on a busy one; the limit only catches a hang.
  it('never crashes, explains every rejection, and keeps every untouched good transaction', { timeout: 180_000 }, () => {
    expect(baseline.transactions.length).toBeGreaterThan(20);
    const random = seededRandom(SEED);
    let rejections = 0;
    for (let n = 0; n < CASES; n += 1) {
      const mutation = pick(random, mutations);
      const { lines: mutated, touched } = mutation.apply(lines, random);
      const label = `case ${n} (${mutation.name}, seed ${SEED})`;
      let result: ReturnType<typeof parseCourseCoExport>;
      try {
        result = parseCourseCoExport(new TextEncoder().encode(mutated.join('\n')), { kind: 'transactions' });
      } catch (error) {
        throw new Error(`${label} crashed the importer: ${String(error)}`, { cause: error });
      }
      for (const error of result.errors) {
        expect(Number.isInteger(error.row) && error.row >= 1, `${label}: row ${error.row}`).toBe(true);
        expect(error.column.length, `${label}: column`).toBeGreaterThan(0);
        expect(error.reason.length, `${label}: reason`).toBeGreaterThan(0);
      }
      rejections += result.errors.length;
      const touchedIds = new Set(touched.map((i) => transactionIdOf(lines[i] ?? mutated[i] ?? '')));
      for (const i of touched) if (mutated[i] !== undefined) touchedIds.add(transactionIdOf(mutated[i]));
      const imported = new Map(result.transactions.map((t) => [t.transactionId, t]));
      const untouched = [...byId.keys()].filter(
        (id) => !touchedIds.has(id) && mutated.some((line, i) => i > 0 && !touched.includes(i) && transactionIdOf(line) === id),
      );
      for (const id of untouched) {
        const kept = imported.get(id);
        expect(kept, `${label}: transaction ${id} was lost`).toBeDefined();
        expect({ ...kept!, lines: kept!.lines.map(({ row: _row, ...rest }) => rest) }, `${label}: transaction ${id} changed`).toEqual({
          ...byId.get(id)!,
          lines: byId.get(id)!.lines.map(({ row: _row, ...rest }) => rest),
        });
      }
    }
    // The mutations really do produce bad rows (the fuzz is not vacuous).
    expect(rejections).toBeGreaterThan(CASES / 4);
  });
});
