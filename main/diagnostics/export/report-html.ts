/**
 * The bundle's `report.html`: one self-contained page (inline CSS, no scripts, no external assets) that support can
 * open offline: the checks as a visual checklist (icon + status word, never colour alone), then the settings, the
 * connection and the recent sync log.
 */
import type { CheckResult } from '../types';
import type { SupportBundleInput } from './bundle-input';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ICONS: Record<CheckResult['status'], { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Pass' },
  warn: { icon: '!', word: 'Warning' },
  fail: { icon: '✗', word: 'Fail' },
  'not-run': { icon: '–', word: 'Not run' },
};

const GROUPS: Array<[CheckResult['group'], string]> = [
  ['what-to-check', 'What to check'],
  ['common-issues', 'Common issues'],
  ['environment', 'Environment'],
];

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:2rem;color:#1c2330;background:#f6f7f9}
main{max-width:60rem;margin:0 auto}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.meta{color:#4a5568;margin:0 0 1rem}
.summary{display:flex;gap:1rem;flex-wrap:wrap;padding:0;list-style:none}
.summary li{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:.4rem .8rem}
ol.checks{list-style:none;padding:0;margin:0}
.check{background:#fff;border:1px solid #d5dae1;border-left-width:6px;border-radius:6px;padding:.75rem 1rem;margin:.5rem 0}
.check.pass{border-left-color:#1f7a3a}.check.warn{border-left-color:#a15c00}.check.fail{border-left-color:#b42318}.check.not-run{border-left-color:#7b8494}
.check h3{font-size:1rem;margin:0;display:flex;gap:.5rem;align-items:baseline}
.badge{font-weight:700;min-width:6.5rem;display:inline-block}
.pass .badge{color:#1f7a3a}.warn .badge{color:#8a4e00}.fail .badge{color:#b42318}.not-run .badge{color:#4a5568}
.id{color:#4a5568;font:12px ui-monospace,monospace;margin-left:auto}
.check p{margin:.35rem 0 0}.fix{font-weight:600}.detail{color:#4a5568;font:12px ui-monospace,monospace}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d5dae1;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:13px}
th{background:#eef1f5}.scroll{overflow-x:auto}
`;

function checkItem(check: CheckResult): string {
  const s = ICONS[check.status];
  return `<li class="check ${check.status}"><h3><span class="badge"><span aria-hidden="true">${s.icon}</span> ${s.word}</span> ${escapeHtml(check.title)}<span class="id">${escapeHtml(check.id)}</span></h3>
<p>${check.setupStep ? 'Not set up yet: ' : ''}${escapeHtml(check.evidence)}</p>${check.fix ? `<p class="fix">Fix: ${escapeHtml(check.fix)}</p>` : ''}${check.detail ? `<p class="detail">${escapeHtml(check.detail)}</p>` : ''}</li>`;
}

function table(rows: Array<Record<string, unknown>>, empty: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(empty)}</p>`;
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => escapeHtml(v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v));
  return `<div class="scroll"><table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

export function renderReportHtml(input: SupportBundleInput): string {
  const { report } = input;
  const s = report.summary;
  const groups = GROUPS.map(([group, heading]) => {
    const items = report.checks.filter((c) => c.group === group);
    return items.length ? `<h2>${heading}</h2><ol class="checks">${items.map(checkItem).join('\n')}</ol>` : '';
  }).join('\n');
  const settingsRows = Object.entries(input.settings).map(([setting, value]) => ({ setting, value }));
  const connectionRows = Object.entries(input.connection).map(([field, value]) => ({ field, value }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>CourseCo Xero Assistant — diagnostics ${escapeHtml(report.ranAt)}</title><style>${CSS}</style></head>
<body><main>
<h1>CourseCo Xero Assistant — diagnostics</h1>
<p class="meta">Checks run ${escapeHtml(report.ranAt)} · ${escapeHtml(input.app.name)} ${escapeHtml(input.app.version)} (${escapeHtml(input.app.host)}, ${escapeHtml(input.app.platform)}) · secrets and tokens are never included; IDs and e-mail addresses are masked.</p>
<ul class="summary" aria-label="Summary"><li>✓ ${s.pass} passed</li><li>! ${s.warn} warning${s.warn === 1 ? '' : 's'}</li><li>✗ ${s.fail} failed</li><li>– ${s.notRun} not run</li></ul>
${groups}
<h2>Settings</h2>${table(settingsRows, 'No settings.')}
<h2>Connection</h2>${table(connectionRows, 'No connection.')}
<h2>Recent sync runs</h2>${table(input.syncLog.runs as unknown as Array<Record<string, unknown>>, 'No sync runs yet.')}
<h2>Recent failed transactions</h2>${table(input.syncLog.recentFailures as unknown as Array<Record<string, unknown>>, 'No failed transactions.')}
</main></body></html>
`;
}
