/**
 * `courseco-xero sync` as a user runs it: a child process on a profile connected to a sandbox started here.
 * `--dry-run --json` prints exactly the requests (what xero-node would put on the wire) and sends nothing;
 * `--json` prints the summary, progress goes to stderr, and the exit code says whether everything went through.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireBody } from '../../../main/sync/run/xero-gateway';
import { runCli, startEngineHarness, workload, type EngineHarness } from './engine-support';


let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

const cli = (...args: string[]) => runCli(h, ...args);

describe('courseco-xero sync (CLI)', () => {
  it('--dry-run --json prints exactly the requests a sync would send, batch by batch, and sends nothing', async () => {
    const w = workload('D', 60, { contacts: 55, creditEvery: 20 });
    w.transactions[0]!.contact = { name: 'Aoife Byrne' };
    h.put(w.transactions, w.payments);
    const { code, stdout, stderr } = await cli('--json', 'sync', '--dry-run');
    expect(code, stderr).toBe(0);
    const plan = JSON.parse(stdout) as {
      dryRun: boolean;
      summary: Record<string, number>;
      requests: Array<{ phase: string; method: string; path: string; query: string; documents: number; body: Record<string, unknown[]>; bindsAtSend: string[] }>;
      transactions: Array<{ transactionId: string; outcome: string }>;
    };
    expect(plan.dryRun).toBe(true);
    expect(plan.requests.map((r) => [r.phase, r.method, r.path, r.documents])).toEqual([
      ['contacts', 'PUT', '/api.xro/2.0/Contacts', 50],
      ['contacts', 'PUT', '/api.xro/2.0/Contacts', 5],
      ['invoices', 'PUT', '/api.xro/2.0/Invoices', 50],
      ['invoices', 'PUT', '/api.xro/2.0/Invoices', 7],
      ['payments', 'PUT', '/api.xro/2.0/Payments', 50],
      ['payments', 'PUT', '/api.xro/2.0/Payments', w.payments.length - 50],
      ['credit-notes', 'PUT', '/api.xro/2.0/CreditNotes', 3],
    ]);
    expect(plan.summary).toMatchObject({ transactions: 60, planned: 60, errors: 0, requests: 7, reads: 4, minimumCalls: 7 });
    expect(plan.requests.every((r) => r.query.startsWith('summarizeErrors=false'))).toBe(true);
    const invoice = plan.requests[2]!.body.Invoices!.find((i) => (i as { Reference: string }).Reference === 'CourseCo Tx D1') as Record<string, unknown>;
    expect(invoice).toMatchObject({ Type: 'ACCREC', Contact: { ContactID: expect.any(String) }, InvoiceNumber: 'INV-D-1', Status: 'AUTHORISED' });
    expect(plan.requests[2]!.bindsAtSend).toEqual(['Contact: { ContactNumber } becomes { ContactID } of the contact the contacts request creates']);
    // What xero-node serialises for each body is that body, byte for byte.
    for (const request of plan.requests) {
      const [collection, documents] = Object.entries(request.body)[0]!;
      expect(await wireBody(collection, documents)).toEqual(request.body);
    }
    expect(stderr).toMatch(/Dry run: 7 request\(s\) for 60 transaction\(s\)/);
    expect(h.apiRequests().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(h.journal().counts()).toMatchObject({ ready: 60, 'in-flight': 0 });
    expect(h.journal().listRuns()).toEqual([]);
  });

  it('--json prints the summary; progress goes to stderr; a refused transaction makes the exit code 1', async () => {
    const w = workload('E', 20, { contacts: 5 });
    w.transactions[4] = { ...w.transactions[4]!, currency: 'USD' };
    h.put(w.transactions, w.payments);
    const first = await cli('--json', 'sync', '--all');
    expect(first.code).toBe(1);
    const summary = JSON.parse(first.stdout) as Record<string, unknown>;
    // Caught in the plan, before sending: the reads are tax rates, accounts, the organisation, its currencies (asked
    // because of E5's USD) and one contact look-up; the writes contacts, invoices and payments.
    expect(summary).toMatchObject({ synced: 19, failed: 1, skipped: 0, calls: 8, failures: [{ transactionId: 'E5', reason: expect.stringMatching(/this transaction is in US Dollar, but the Xero organisation's currency is euro and it has no US Dollar enabled/) }], outcome: 'completed' });
    expect(first.stderr).toMatch(/^sync: invoices · \d+\/\d+ documents/m);
    expect(first.stderr).toMatch(/1 transaction\(s\) failed/);

    // Fixed in CourseCo, imported again, synced by id: exit 0.
    h.put([{ ...w.transactions[4]!, currency: 'EUR' }]);
    const second = await cli('--json', 'sync', '--ids', 'E5');
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ synced: 1, failed: 0, skipped: 0, failures: [] });

    const usage = await cli('sync');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/--all \(every ready one\) or --ids/);
  });
});
