/**
 * The accountant's close pack, as data in and text out (pure): one self-contained HTML page to print as an A4 PDF
 * (no scripts, inline CSS only, a CSP that allows nothing else, every value escaped), and a CSV of every line for a
 * spreadsheet (guarded against formula injection, since accountants open it in Excel). The printing itself belongs to
 * the host (Electron's own Chromium, or a headless Chromium for the web host and the CLI).
 */
import Papa from 'papaparse';
import { DRIFT_KIND_WORDS, type Comparison, type DriftItem, type Figures, type ReconcileLine, type ReconcileReport } from '../../../contract/features/reconcile';
import { formatMoney } from '../plan';
import { sayDate, sayMonth } from './drift-words';

/** The PDF lists at most this many differing lines; the CSV always holds them all (and says so in the PDF). */
export const PDF_LINE_LIMIT = 500;

const FIGURES: ReadonlyArray<[keyof Figures, string]> = [
  ['count', 'Count'],
  ['net', 'Before VAT'],
  ['tax', 'VAT'],
  ['gross', 'Total'],
  ['paid', 'Paid'],
  ['outstanding', 'Outstanding'],
];

const BREAKDOWN_TITLES = { 'vat-rate': 'By VAT rate', account: 'By account', 'payment-method': 'By payment method' } as const;

/** Text made safe for HTML content and attribute values (quotes too). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text made safe inside a double-quoted CSS string in a <style> element (no way out of the string or the element). */
function cssString(value: string): string {
  return `"${value.replace(/[\\"\n\r<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

const isZero = (amount: string) => Number(amount) === 0;

/** True when a line's two sides differ in any figure, or drift names it. */
export function lineDiffers(line: Pick<ReconcileLine, 'difference' | 'drift'>): boolean {
  const d = line.difference;
  return line.drift.length > 0 || d.count !== 0 || [d.net, d.tax, d.gross, d.paid, d.outstanding].some((x) => !isZero(x));
}

/** "26/10/2026 at 14:05", in Irish time: when the pack was prepared. */
function preparedWords(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-IE', { timeZone: 'Europe/Dublin', ...options }).format(at);
  return `${part({ day: '2-digit', month: '2-digit', year: 'numeric' })} at ${part({ hour: '2-digit', minute: '2-digit', hour12: false })}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-IE')} ${n === 1 ? one : many}`;

/** The verdict in one sentence, for the top of the pack. */
export function verdictSentence(report: ReconcileReport): string {
  const money = (amount: string) => formatMoney(amount, report.currency ?? undefined);
  const open = report.drift.filter((d) => !d.accepted).length;
  const accepted = report.drift.length - open;
  const { courseco, difference } = report.total;
  if (report.matches) {
    const same = `${plural(courseco.count, 'transaction')}, ${money(courseco.gross)} in total`;
    return accepted > 0
      ? `CourseCo and Xero agree (${same}) once the ${plural(accepted, 'accepted difference')} listed below ${accepted === 1 ? 'is' : 'are'} taken into account.`
      : `CourseCo and Xero agree: ${same}, the same on both sides.`;
  }
  const parts: string[] = [];
  if (open > 0) parts.push(`${plural(open, 'change')} in Xero to resolve`);
  if (report.unexplained > 0) parts.push(`${plural(report.unexplained, 'line')} that ${report.unexplained === 1 ? 'differs' : 'differ'} without an explanation`);
  const gross = Number(difference.gross);
  const gap = gross === 0 ? 'the totals are the same' : `Xero's total is ${money(difference.gross.replace(/^-/, ''))} ${gross < 0 ? 'lower' : 'higher'} than CourseCo's`;
  return `CourseCo and Xero do not agree: ${parts.length ? `${parts.join(' and ')}; ` : ''}${gap}.`;
}

function figureCells(figures: Figures, money: (a: string) => string, signed = false): string {
  return FIGURES.map(([key]) => {
    const value = figures[key];
    const text = typeof value === 'number' ? (signed && value > 0 ? `+${value}` : String(value)) : signed && Number(value) > 0 ? `+${money(value)}` : money(value);
    const zero = typeof value === 'number' ? value === 0 : isZero(value);
    return `<td class="num${signed && !zero ? ' off' : ''}">${escapeHtml(text)}</td>`;
  }).join('');
}

/** Three rows (CourseCo, Xero, Difference) under one label: the shape of every comparison table in the pack. */
function comparisonRows(label: string, row: Comparison, money: (a: string) => string, total = false): string {
  const cell = `<th scope="rowgroup" rowspan="3" class="group">${escapeHtml(label)}</th>`;
  return `<tbody class="keep${total ? ' total' : ''}">
<tr>${cell}<th scope="row" class="side">CourseCo</th>${figureCells(row.courseco, money)}</tr>
<tr><th scope="row" class="side">Xero</th>${figureCells(row.xero, money)}</tr>
<tr class="diff"><th scope="row" class="side">Difference</th>${figureCells(row.difference, money, true)}</tr>
</tbody>`;
}

function comparisonTable(caption: string | null, firstColumn: string, rows: Array<[string, Comparison, boolean?]>, money: (a: string) => string): string {
  const head = `<thead><tr><th scope="col">${escapeHtml(firstColumn)}</th><th scope="col"></th>${FIGURES.map(([, words]) => `<th scope="col" class="num">${words}</th>`).join('')}</tr></thead>`;
  return `<table class="figures">${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}${head}${rows.map(([label, row, total]) => comparisonRows(label, row, money, total)).join('\n')}</table>`;
}

/** A link into Xero only when it is one: an https URL (the sandbox's loopback http for sample data). */
function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(parsed.hostname))) return parsed.href;
  } catch {
    // not a URL: no link
  }
  return null;
}

function documentCell(number: string | null, url: string | null): string {
  const text = escapeHtml(number ?? '(no number)');
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
}

function driftTable(drift: readonly DriftItem[]): string {
  if (drift.length === 0) return '<p class="none">Nothing was changed in Xero after sync, and nothing is missing on either side.</p>';
  const rows = drift.map((d) => {
    const change = d.was !== null && d.now !== null && !d.detail.includes('→') ? `${escapeHtml(d.detail)}<br><span class="muted">${escapeHtml(d.was)} → ${escapeHtml(d.now)}</span>` : escapeHtml(d.detail);
    const when = d.changedAt ? `<br><span class="muted">Changed in Xero on ${escapeHtml(sayDate(d.changedAt))}</span>` : '';
    const who = [d.transactionId ? `CourseCo ${escapeHtml(d.transactionId)}` : '', d.contactName ? escapeHtml(d.contactName) : ''].filter(Boolean).join('<br>');
    return `<tr class="keep">
<td>${escapeHtml(DRIFT_KIND_WORDS[d.kind] ?? d.kind)}<br><span class="muted">${escapeHtml(sayMonth(d.period))}</span></td>
<td>${who || '—'}</td>
<td>${d.xeroId || d.documentNumber ? documentCell(d.documentNumber, d.xeroUrl) : '—'}</td>
<td>${change}${when}</td>
<td>${escapeHtml(d.whatToDo)}</td>
<td class="${d.accepted ? 'ok' : 'off'}">${d.accepted ? 'Accepted' : 'To resolve'}</td>
</tr>`;
  });
  return `<table class="list drift"><thead><tr><th scope="col">What happened</th><th scope="col">Transaction</th><th scope="col">Document</th><th scope="col">What changed</th><th scope="col">What to do</th><th scope="col">Status</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function linesTable(lines: readonly ReconcileLine[], money: (a: string) => string): string {
  const differing = lines.filter(lineDiffers);
  if (differing.length === 0) return '<p class="none">Every line matches.</p>';
  const shown = differing.slice(0, PDF_LINE_LIMIT);
  const rows = shown.map((l) => {
    const why = [...l.drift.map((k) => DRIFT_KIND_WORDS[k] ?? k), ...(l.note ? [l.note] : [])];
    const diff = Number(l.difference.gross);
    return `<tr class="keep">
<td>${escapeHtml(sayDate(l.date))}</td>
<td>${l.transactionId ? escapeHtml(l.transactionId) : '—'}</td>
<td>${escapeHtml(l.contactName)}</td>
<td>${l.xeroId || l.documentNumber ? documentCell(l.documentNumber, l.xeroUrl) : '—'}</td>
<td class="num">${escapeHtml(money(l.courseco.gross))}</td>
<td class="num">${escapeHtml(money(l.xero.gross))}</td>
<td class="num${diff !== 0 ? ' off' : ''}">${escapeHtml(`${diff > 0 ? '+' : ''}${money(l.difference.gross)}`)}</td>
<td>${why.length ? why.map(escapeHtml).join('<br>') : '<span class="muted">Paid or outstanding differs</span>'}</td>
</tr>`;
  });
  const more = differing.length > shown.length ? `<p class="muted">The first ${shown.length.toLocaleString('en-IE')} of ${differing.length.toLocaleString('en-IE')} lines that differ are shown; the CSV beside this PDF lists every line.</p>` : '';
  return `<table class="list lines"><thead><tr><th scope="col">Date</th><th scope="col">Transaction</th><th scope="col">Contact</th><th scope="col">Document</th><th scope="col" class="num">CourseCo total</th><th scope="col" class="num">Xero total</th><th scope="col" class="num">Difference</th><th scope="col">Why</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${more}`;
}

const SIGN_OFF = `<table class="sign-off"><caption>Sign-off</caption>
<thead><tr><th scope="col"></th><th scope="col">Name</th><th scope="col">Signature</th><th scope="col">Date</th></tr></thead>
<tbody><tr><th scope="row">Prepared by</th><td></td><td></td><td></td></tr>
<tr><th scope="row">Reviewed by</th><td></td><td></td><td></td></tr></tbody></table>`;

const STYLE = `
@page { size: A4; margin: 15mm 13mm 17mm; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #1b1b1b; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 7mm 0 2mm; break-after: avoid; }
h3 { font-size: 9.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 0 0 4mm; }
.facts dt { color: #555; }
.facts dd { margin: 0; }
.verdict { border: 0.4mm solid; padding: 3mm 4mm; font-size: 10.5pt; font-weight: 600; break-inside: avoid; }
.verdict.agree { border-color: #2e7d32; background: #edf7ee; }
.verdict.differ { border-color: #b3261e; background: #fbeeed; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
caption { text-align: left; font-weight: 600; font-size: 9.5pt; padding: 0 0 1.5mm; }
thead { display: table-header-group; }
th, td { border-bottom: 0.2mm solid #d0d0d0; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { border-bottom: 0.4mm solid #555; font-weight: 600; white-space: nowrap; }
/* A short table moves whole to the next page rather than leave its heading behind; a long one still breaks. */
table.figures { break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* Fixed columns, so every table of figures lines up with the others. */
.figures { table-layout: fixed; }
.figures thead th:nth-child(1) { width: 22%; }
.figures thead th:nth-child(2) { width: 11%; }
.figures thead th:nth-child(3) { width: 7%; }
.figures thead th:nth-child(n + 4) { width: 12%; }
.figures th.group { font-weight: 600; }
.figures th.side { font-weight: normal; color: #444; white-space: nowrap; }
.figures tr.diff td, .figures tr.diff th.side { border-bottom: 0.4mm solid #999; }
.keep { break-inside: avoid; }
.figures tbody.total th, .figures tbody.total td { background: #f3f3f3; }
.figures tbody.total th.group { font-weight: 700; }
.off { color: #b3261e; font-weight: 600; }
.ok { color: #2e7d32; }
.muted { color: #666; font-weight: normal; }
.none { color: #444; font-style: italic; }
a { color: inherit; }
/* Fixed columns: a long name or reference wraps inside its own column instead of squeezing the others. */
.list { table-layout: fixed; }
.drift thead th:nth-child(1) { width: 13%; }
.drift thead th:nth-child(2) { width: 14%; }
.drift thead th:nth-child(3) { width: 11%; }
.drift thead th:nth-child(4) { width: 23%; }
.drift thead th:nth-child(5) { width: 29%; }
.drift thead th:nth-child(6) { width: 10%; }
.list thead th { white-space: normal; overflow-wrap: normal; }
.lines td:nth-child(1) { white-space: nowrap; }
.lines thead th:nth-child(1) { width: 11%; }
.lines thead th:nth-child(2) { width: 12%; }
.lines thead th:nth-child(3) { width: 17%; }
.lines thead th:nth-child(4) { width: 11%; }
.lines thead th:nth-child(n + 5):nth-child(-n + 7) { width: 11%; }
.lines thead th:nth-child(8) { width: 16%; }
.sign-off { margin-top: 6mm; break-inside: avoid; }
.sign-off th, .sign-off td { border: 0.3mm solid #777; height: 12mm; }
.sign-off thead th { height: auto; }
.sign-off th[scope="row"] { width: 16%; }
.sign-off td:nth-child(2) { width: 30%; }
.sign-off td:nth-child(4) { width: 18%; }
`;

/** The close pack as one self-contained HTML page to print (A4, numbered pages). */
export function closePackHtml(report: ReconcileReport, lines: readonly ReconcileLine[]): string {
  const currency = report.currency ?? undefined;
  const money = (amount: string) => formatMoney(amount, currency);
  const organisation = report.organisationName ?? 'Organisation not named';
  const range = `${sayDate(report.from)} to ${sayDate(report.to)}`;
  const title = `Close pack: ${organisation}, ${range}`;
  // Page numbers and the running footer come from CSS page-margin boxes (Chromium 131 on: Electron's and Debian's).
  const pageCss = `@page { @bottom-left { content: ${cssString(`${organisation} · ${range}`)}; font-size: 7.5pt; color: #555; } @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7.5pt; color: #555; } }`;
  const open = report.drift.filter((d) => !d.accepted).length;
  const breakdowns = (['vat-rate', 'account', 'payment-method'] as const).map((dimension) => {
    const rows = report.breakdowns.filter((b) => b.dimension === dimension);
    return rows.length === 0
      ? `<h3>${BREAKDOWN_TITLES[dimension]}</h3><p class="none">Nothing in this period.</p>`
      : comparisonTable(BREAKDOWN_TITLES[dimension], dimension === 'vat-rate' ? 'VAT rate' : dimension === 'account' ? 'Account' : 'Payment method', rows.map((r) => [r.label, r]), money);
  });
  const periods: Array<[string, Comparison, boolean?]> = [...report.periods.map((p): [string, Comparison] => [sayMonth(p.period), p]), ['All months', report.total, true]];
  return `<!doctype html>
<html lang="en-IE">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${pageCss}</style>
</head>
<body>
<h1>Reconciliation close pack</h1>
<dl class="facts">
<dt>Organisation</dt><dd>${escapeHtml(organisation)}</dd>
<dt>Period</dt><dd>${escapeHtml(range)}</dd>
<dt>Prepared</dt><dd>${escapeHtml(preparedWords(report.generatedAt))} by CourseCo Xero Assistant</dd>
<dt>Currency</dt><dd>${escapeHtml(report.currency ?? 'not stated')}</dd>
<dt>Not counted</dt><dd>${escapeHtml(plural(report.excluded, 'transaction'))} excluded from Xero on purpose</dd>
<dt>CourseCo's own push</dt><dd>${escapeHtml(plural(report.linked.courseCoPush, 'document'))} sent by CourseCo's "Sync to Xero" button, recognised and counted as synced</dd>
</dl>
<p class="verdict ${report.matches ? 'agree' : 'differ'}">${escapeHtml(verdictSentence(report))}</p>
<h2>Month by month</h2>
<p class="muted">Each CourseCo transaction counts in its own month, and so does the Xero document made from it; documents only Xero holds count in their own month. Difference is Xero minus CourseCo; credit notes count negative on both sides.</p>
${comparisonTable(null, 'Month', periods, money)}
<h2>Breakdowns</h2>
${breakdowns.join('\n')}
<h2>Changes found in Xero (${escapeHtml(plural(report.drift.length, 'item'))}, ${escapeHtml(plural(open, 'still to resolve', 'still to resolve'))})</h2>
${driftTable(report.drift)}
<h2>Lines that differ</h2>
${linesTable(lines, money)}
${SIGN_OFF}
</body>
</html>
`;
}

const CSV_FIGURES = FIGURES.map(([key, words]) => ({ key, words }));

/**
 * One row per line with both sides' figures, the difference and the drift kinds. A cell that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) is prefixed with ' (OWASP's advice for CSV
 * injection), except plain numbers: a negative amount must stay a number the accountant can add up.
 */
export function closePackCsv(report: ReconcileReport, lines: readonly ReconcileLine[]): string {
  const fields = [
    'Month',
    'Date',
    'CourseCo transaction',
    'Contact',
    'Xero document',
    'Xero status',
    'Put in Xero by',
    ...['CourseCo', 'Xero', 'Difference'].flatMap((side) => CSV_FIGURES.map((f) => `${side} ${f.words.toLowerCase()}`)),
    'Changes in Xero',
    'Note',
    'Currency',
    'Link to Xero',
  ];
  const origin = { assistant: 'the assistant', 'courseco-push': "CourseCo's own push", none: 'not in Xero', 'xero-only': 'unknown (only in Xero)' } as const;
  const data = lines.map((l) => [
    l.period,
    l.date,
    l.transactionId ?? '',
    l.contactName,
    l.documentNumber ?? '',
    l.xeroStatus ?? '',
    origin[l.origin] ?? l.origin,
    ...[l.courseco, l.xero, l.difference].flatMap((side) => CSV_FIGURES.map((f) => String(side[f.key]))),
    l.drift.map((k) => DRIFT_KIND_WORDS[k] ?? k).join('; '),
    l.note ?? '',
    report.currency ?? '',
    l.xeroUrl ?? '',
  ]);
  // The byte-order mark makes Excel read the file as UTF-8 (names with fadas: Seán Ó Briain).
  return `\uFEFF${Papa.unparse({ fields, data }, { escapeFormulae: /^(?!-?\d+(\.\d+)?$)[=+\-@\t\r]/, newline: '\r\n' })}\r\n`;
}
