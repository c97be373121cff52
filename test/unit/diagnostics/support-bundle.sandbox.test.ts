/**
 * The support bundle after a full connect and a journal with synced and failed transactions: one zip with
 * report.html (self-contained), diagnostics.json (versioned) and the sync log — and no secret, token, full ID or
 * unmasked e-mail address in any file. Also `courseco-xero diagnose` as a real process on the same profile.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from '../../../main/diagnostics/types';
import { importExport } from '../../../main/sync/import';
import { startHarness, type Harness } from '../xero/support/sandbox-harness';
import { healthyProfile } from './support';
import { readZip } from './unzip';
import { CLI_BIN } from '../../support/cli-bin';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const SAMPLE = path.resolve(__dirname, '../../../sandbox/sample-data/courseco-transactions-report.csv');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

async function profileWithHistory() {
  const services = await healthyProfile(h);
  const journal = services.journal();
  const imported = importExport(journal, { bytes: readFileSync(SAMPLE), fileName: 'transactions.csv' });
  expect(imported.status).toBe('imported');
  const ids = journal.list({ status: 'ready', limit: 3 }).rows.map((r) => r.transactionId);
  const runId = journal.startRun({ actor: 'aoife.byrne@liffey.example.ie', host: 'cli', requested: 3 });
  journal.markInFlight(ids, runId);
  const entry = journal.entries({ ids: [ids[0]!] })[0]!;
  journal.recordDocument(ids[0]!, { sentHash: entry.contentHash, invoiceId: '11111111-2222-3333-4444-555555555555', number: 'INV-0003' });
  journal.settle(ids[0]!);
  journal.recordFailure(ids[1]!, { message: 'Xero refused the contact training@dublincity.example.ie: duplicate name', validationErrors: ['The contact name Ciarán (ciaran.osullivan@example.ie) is already assigned to another contact.'] });
  journal.releaseInFlight([ids[2]!]);
  journal.finishRun(runId, { outcome: 'completed', synced: 1, failed: 1, skipped: 0, calls: 4, message: 'sent by aoife.byrne@liffey.example.ie' });
  return services;
}

async function secretsOf() {
  const tokens = JSON.parse((await h.keychain.get('token-set'))!) as { accessToken: string; refreshToken: string };
  expect(tokens.accessToken.length).toBeGreaterThan(20);
  return { secret: h.web.clientSecret, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientId: h.web.clientId, tenantId: h.sandbox.tenants[0]!.tenantId };
}

function expectClean(name: string, content: string, secrets: Record<string, string>) {
  for (const [what, value] of Object.entries(secrets)) {
    expect(content.includes(value), `${name} holds the ${what}`).toBe(false);
    expect(content.toLowerCase().includes(value.toLowerCase()), `${name} holds the ${what} (any case)`).toBe(false);
  }
  for (const address of content.match(EMAIL) ?? []) expect(address, `${name} holds an unmasked e-mail`).toMatch(/^[^@]\*\*\*@/);
  expect(content).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\./);
}

describe('support bundle', () => {
  it('diagnostics.export writes a zip into exports/ with the report, the JSON and the sync log, and nothing secret', async () => {
    const services = await profileWithHistory();
    const secrets = await secretsOf();
    const result = await services.handlers['diagnostics.export']({});
    expect(result.path).toBe(path.join(h.dataDir, 'exports', result.fileName));
    expect(result.fileName).toMatch(/^courseco-xero-diagnostics-.*\.zip$/);
    const files = await readZip(result.path);
    expect([...files.keys()].sort()).toEqual(['diagnostics.json', 'report.html', 'sync-log.json']);
    for (const [name, content] of files) expectClean(name, content, secrets);

    const json = JSON.parse(files.get('diagnostics.json')!) as { version: number; schemaVersion: number; checks: DiagnosticsReport['checks']; settings: Record<string, string> };
    expect(json.version).toBe(1);
    expect(json.schemaVersion).toBe(1);
    expect(json.checks.find((c) => c.id === 'sync-errors')).toMatchObject({ status: 'fail' });
    expect(json.settings.clientId).toBe(`${secrets.clientId.slice(0, 4)}…${secrets.clientId.slice(-4)}`);
    expect(json.settings.tenantId).toBe(`${secrets.tenantId.slice(0, 4)}…${secrets.tenantId.slice(-4)}`);

    const log = JSON.parse(files.get('sync-log.json')!) as { runs: Array<{ actor: string; synced: number }>; recentFailures: Array<{ lastError: string; lastErrorDetails: string[] }> };
    expect(log.runs[0]).toMatchObject({ actor: 'a***@liffey.example.ie', synced: 1 });
    expect(log.recentFailures[0]!.lastError).toBe('Xero refused the contact t***@dublincity.example.ie: duplicate name');
    expect(log.recentFailures[0]!.lastErrorDetails[0]).toContain('c***@example.ie');

    const html = files.get('report.html')!;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\/(?!localhost|127\.0\.0\.1)[a-z]/i);
    expect(html).toContain('✗</span> Fail</span> No sync errors');
    expect(html).toContain('✓</span> Pass</span> Connection is active');
  });

  it('courseco-xero diagnose: --json prints the versioned checks, the plain run a summary with the failing fixes, --export writes the zip; exit 0', async () => {
    const services = await profileWithHistory();
    services.settings.set('xero.taxRateName', '23% vat on income');
    const secrets = await secretsOf();
    await services.dispose();
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI_BIN, '--data-dir', h.dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    const json = await cli(['diagnose', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { version: number; checks: Array<{ id: string; status: string; evidence: string; fix: string }> };
    expect(parsed.version).toBe(1);
    expect(parsed.checks.find((c) => c.id === 'tax-rate-title')).toMatchObject({ status: 'fail', fix: "Use '23% VAT on Income' exactly, with the same capital letters, spaces and punctuation." });
    expect(parsed.checks.find((c) => c.id === 'connection-active')).toMatchObject({ status: 'pass' });
    expect(Object.keys(parsed.checks[0]!)).toEqual(expect.arrayContaining(['id', 'status', 'evidence', 'fix']));

    const plain = await cli(['diagnose']);
    expect(plain.code).toBe(0);
    const lines = plain.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Diagnostics: \d+ passed, \d+ warnings?, 2 failed, \d+ not run\.$/);
    expect(plain.stdout).toContain("FAIL tax-rate-title: '23% vat on income' differs from Xero's tax rate '23% VAT on Income' only in letter case");
    expect(plain.stdout).toContain("fix: Use '23% VAT on Income' exactly");

    const target = path.join(h.dataDir, 'out', 'bundle.zip');
    const exported = await cli(['diagnose', '--export', target]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Support bundle written to ${target}`);
    expect(existsSync(target)).toBe(true);
    for (const [name, content] of await readZip(target)) expectClean(name, content, secrets);
    for (const output of [json, plain, exported]) expectClean('CLI output', output.stdout + output.stderr, secrets);
  });
});
