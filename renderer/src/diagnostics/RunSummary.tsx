/**
 * One line after the re-run button: when the checks ran and how many passed, warned, failed, are not set up yet or
 * could not run; and, when only the local checks ran again since, how old the answers from Xero are.
 */
import type { DiagnosticsReport } from './types';
import { formatTime } from '../../../contract/locale';
import { ageBase, ageInWords, olderThanReport } from './age';


export function RunSummary({ report, running, now }: { report: DiagnosticsReport | null; running: boolean; now: number }) {
  let text = '';
  if (running) text = 'Running the checks…';
  else if (report) {
    const s = report.summary;
    const notSetUp = s.notSetUp ?? 0;
    const notRun = s.notRun - notSetUp;
    const parts = [
      `${s.pass} passed`,
      `${s.warn} warning${s.warn === 1 ? '' : 's'}`,
      `${s.fail} failed`,
      ...(notSetUp ? [`${notSetUp} not set up yet`] : []),
      ...(notRun ? [`${notRun} not run`] : []),
    ];
    text = `Last run at ${formatTime(report.ranAt)}: ${parts.join(', ')}.`;
    if (report.fullRunAt && olderThanReport(report.fullRunAt, report.ranAt)) {
      text += ` The checks that ask Xero were last checked ${ageInWords(report.fullRunAt, ageBase(now, report.ranAt))}; run the checks again to ask Xero now.`;
    }
  }
  return (
    <p className="diag-run-summary" role="status">
      {text}
    </p>
  );
}
