/** An import report's findings: one line per finding with its transactions, and a headline green only when all is well. */
import { describe, expect, it } from 'vitest';
import { PAYMENT_WAITS_FOR_TRANSACTION } from '../../../contract/features/transactions';
import { groupProblems, groupReason, idsText, importHeadline, whereText } from '../../../renderer/src/console/import-notes';
import type { ImportResult } from '../../../renderer/src/console/types';

type Imported = Extract<ImportResult, { status: 'imported' }>;
type Problem = Imported['warnings'][number];

const SUMMARY = 'each payment waits for its transaction, which has not been imported yet';
const waiting = (row: number, transactionId: string): Problem => ({
  row,
  column: 'Transaction ID',
  reason: `transaction ${transactionId} has not been imported`,
  transactionId,
  code: PAYMENT_WAITS_FOR_TRANSACTION,
  summary: SUMMARY,
});

function imported(errors: Problem[], warnings: Problem[]): Imported {
  return { status: 'imported', kind: 'payments', fileName: 'p.csv', imported: 1, updated: 0, unchanged: 0, changed: 0, skipped: 0, errors, warnings, usedSavedMapping: false };
}

describe('import findings', () => {
  it('makes one line of 32 payments waiting for their transactions, naming each transaction once', () => {
    const notes = Array.from({ length: 32 }, (_, i) => waiting(i + 2, String(5001 + Math.floor(i / 2) * 2)));
    const groups = groupProblems(notes);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.rows).toHaveLength(32);
    expect(group!.transactionIds).toEqual(Array.from({ length: 16 }, (_, i) => String(5001 + i * 2)));
    expect(groupReason(group!)).toBe('Each payment waits for its transaction, which has not been imported yet.');
    expect(whereText(group!)).toBe('32 payments · rows 2 to 33');
  });

  it('keeps a finding found once in its own words, and different findings apart', () => {
    const groups = groupProblems([
      waiting(2, '5001'),
      { row: 3, column: 'Email', reason: 'not an address', transactionId: '5002' },
      { row: 4, column: 'Email', reason: 'not an address', transactionId: '5003' },
      { row: 5, column: 'Total', reason: 'not an amount', transactionId: '5004' },
    ]);
    expect(groups.map((g) => [g.reason, g.transactionIds.join(' '), whereText(g)])).toEqual([
      ['transaction 5001 has not been imported', '5001', 'row 2'],
      ['not an address', '5002 5003', 'rows 3 to 4'],
      ['not an amount', '5004', 'row 5'],
    ]);
  });

  it('counts scattered rows rather than listing them', () => {
    const [group] = groupProblems([waiting(2, '1'), waiting(9, '2'), waiting(30, '3')]);
    expect(whereText(group!)).toBe('3 payments');
  });

  it('shortens runs of numeric IDs and cuts a long list with how many more', () => {
    expect(idsText(['5001', '5002', '5003', '5005', '5006', '5008']).replaceAll('\u2060', '')).toBe('5001–5003, 5005, 5006, 5008');
    expect(idsText(['A1', 'A2', 'A3'])).toBe('A1, A2, A3');
    const ids = Array.from({ length: 20 }, (_, i) => String(1000 + i * 2));
    expect(idsText(ids, 3)).toBe('1000, 1002, 1004 and 17 more');
    expect(idsText(['1', '2', '3', '7', '9', '10', '11', '12'], 2).replaceAll('\u2060', '')).toBe('1–3, 7 and 4 more');
  });

  it('is green only when every row was read and nothing is worth a look', () => {
    expect(importHeadline(imported([], []))).toEqual({ tone: 'good', text: 'Every row was read.' });
    const notes = Array.from({ length: 32 }, (_, i) => waiting(i + 2, String(5001 + i)));
    expect(importHeadline(imported([], notes))).toEqual({ tone: 'attention', text: 'Every row was read, but 32 payments wait for their transactions.' });
    expect(importHeadline(imported([], [waiting(2, '5001')]))).toEqual({ tone: 'attention', text: 'Every row was read, but 1 payment waits for its transaction.' });
    const email: Problem = { row: 3, column: 'Email', reason: 'not an address', transactionId: '5002' };
    expect(importHeadline(imported([], [...notes, email])).text).toBe('Every row was read, but 32 payments wait for their transactions and 1 other note is worth a look.');
    expect(importHeadline(imported([], [email, { ...email, row: 4 }])).text).toBe('Every row was read, but 1 note is worth a look.');
    expect(importHeadline(imported([email], notes))).toMatchObject({ tone: 'problem', text: expect.stringMatching(/^1 row not imported\./) });
  });
});
