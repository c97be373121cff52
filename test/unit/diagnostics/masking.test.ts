/** Masking and the health badge's reading of a report: plain functions, no Xero. */
import { describe, expect, it } from 'vitest';
import { maskDeep, maskEmail, maskId, maskText } from '../../../main/diagnostics/masking';
import { healthOf, summarise, type CheckResult, type DiagnosticsReport } from '../../../main/diagnostics/types';
import { renderReportHtml } from '../../../main/diagnostics/export/report-html';
import type { SupportBundleInput } from '../../../main/diagnostics/export/bundle-input';

describe('masking', () => {
  it('keeps the first and last four characters of IDs and the first letter and domain of e-mail addresses', () => {
    expect(maskId('5506cf08-24dd-4015-9a1e-1d69f9d794ee')).toBe('5506…94ee');
    expect(maskId('short')).toBe('…');
    expect(maskId(undefined)).toBe('(empty)');
    expect(maskEmail('jane.doe@example.ie')).toBe('j***@example.ie');
  });

  it('masks IDs, 32-hex Client IDs and addresses inside text, and removes token-shaped text', () => {
    const text =
      'tenant 5506cf08-24dd-4015-9a1e-1d69f9d794ee app D0A4E641864C1ABFDAAEF4E26740ECFD mail jo@acme.ie Bearer abc.def token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig refresh_token=xyz';
    expect(maskText(text)).toBe('tenant 5506…94ee app D0A4…ECFD mail j***@acme.ie Bearer [removed] token [token removed] refresh_token=[removed]');
    expect(maskDeep({ a: ['x@y.com', 3, null], b: { c: 'z@w.org' } })).toEqual({ a: ['x***@y.com', 3, null], b: { c: 'z***@w.org' } });
  });
});

const result = (id: CheckResult['id'], status: CheckResult['status']): CheckResult => ({ id, title: id, group: 'what-to-check', status, evidence: `<${id}>`, fix: '' });
const report = (checks: CheckResult[]): DiagnosticsReport => ({ version: 1, ranAt: '2026-11-25T06:00:00.000Z', checks, summary: summarise(checks) });

describe('health', () => {
  it('is bad with any failure, warn with warnings, unknown when the connection could not be checked, good otherwise', () => {
    expect(healthOf(report([result('connection-active', 'pass'), result('tenant-id', 'fail')]))).toEqual({ status: 'bad', summary: '1 problem: tenant-id' });
    expect(healthOf(report([result('connection-active', 'pass'), result('scopes', 'warn')])).status).toBe('warn');
    expect(healthOf(report([result('connection-active', 'not-run'), result('keychain', 'pass')])).status).toBe('unknown');
    expect(healthOf(report([result('connection-active', 'pass'), result('keychain', 'pass')]))).toEqual({ status: 'good', summary: 'All 2 checks passed.' });
  });
});

describe('report.html', () => {
  it('escapes what it shows and links nothing external', () => {
    const input: SupportBundleInput = {
      schemaVersion: 1,
      generatedAt: '2026-11-25T06:00:00.000Z',
      app: { name: 'CourseCo Xero Assistant', version: '0.1.0', host: 'cli', platform: 'linux', versions: { node: '20.20.0' } },
      report: report([result('tenant-id', 'fail')]),
      settings: { issuer: 'https://identity.xero.com', apiOrigin: 'https://api.xero.com', scopes: 'granular', oauthPorts: '47318', clientId: 'D0A4…ECFD', tenantId: '…', invoiceStatus: 'AUTHORISED' },
      connection: { state: 'connected' },
      syncLog: { counts: {}, runs: [], recentFailures: [] },
    };
    const html = renderReportHtml(input);
    expect(html).toContain('&lt;tenant-id&gt;');
    expect(html).not.toContain('<tenant-id>');
    expect(html).not.toMatch(/<script|<link|<img|@import/);
    expect(html).toContain('✗</span> Fail</span> tenant-id');
  });
});
