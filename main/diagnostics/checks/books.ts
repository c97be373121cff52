/**
 * "The books match": what the last reconciliation found (journal's last report; no call to Xero here — comparing
 * reads Xero, and belongs to the Reconcile page or `courseco-xero reconcile`). Drift shows here as a status, with its
 * age, so a stale "match" is never mistaken for today's.
 */
import { DRIFT_KIND_WORDS, type DriftKind } from '../../../contract/features/reconcile';
import { formatDate, formatDayOf } from '../../../contract/locale';
import { defineCheck, notRun, pass, plural, warn } from './check';

export const booksMatch = defineCheck({ id: 'books-match', title: 'CourseCo and Xero match', group: 'what-to-check' }, async (facts) => {
  const report = facts.deps.journal().lastReport();
  if (!report) return notRun('CourseCo has not been compared with Xero yet.', 'Open Reconcile and compare CourseCo with Xero for last month.');
  const range = `${formatDate(report.from)} to ${formatDate(report.to)}`;
  const when = `compared on ${formatDayOf(report.generatedAt)}`;
  if (report.matches) return pass(`CourseCo and Xero matched for ${range} (${when}).`);
  const open = report.drift.filter((d) => !d.accepted);
  const byKind = new Map<DriftKind, number>();
  for (const d of open) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${DRIFT_KIND_WORDS[kind]}: ${n}`).join('; ');
  const found = open.length > 0 ? `${plural(open.length, 'change')} in Xero since sync (${kinds})` : '';
  const unexplained = report.unexplained > 0 ? `${plural(report.unexplained, 'transaction')} differing for another reason` : '';
  return warn(`For ${range} (${when}): ${[found, unexplained].filter(Boolean).join('; ')}.`, 'Open Reconcile: each difference says what changed and what to do.');
});
