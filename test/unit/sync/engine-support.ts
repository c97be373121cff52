/**
 * The sync engine against the real sandbox: a sandbox, app services on a temp profile connected to it (Web app,
 * auto-consent), the Irish org's accounts and tax rate configured, and helpers to put CourseCo transactions in the
 * journal and to read back what the sandbox holds. The engine's waits advance the sandbox clock, so rate limits and
 * Retry-After cost no real time.
 */
import { spawn } from 'node:child_process';
import Decimal from 'decimal.js';
import { afterEach, expect } from 'vitest';
import { startSandbox, type FaultSpec, type RunningSandbox, type StartSandboxOptions } from '../../../sandbox/index';
import type { AppServices } from '../../../main/app/app-services';
import { openProfile } from '../../../main/app/open-profile';
import { connectToSandbox, pointProfileAt } from '../../../main/app/sandbox-profile';
import { createProfileSyncEngine } from '../../../main/app/features/sync-handlers';
import type { Clock } from '../../../main/clock';
import type { CourseCoPayment, CourseCoTransaction } from '../../../main/courseco/types';
import { createLogger } from '../../../main/log';
import { createKeychain, type Keychain } from '../../../main/secrets/keychain';
import { openNodeSettingsStore } from '../../../main/settings/settings-store';
import { createSyncEngine, createXeroGateway, type SyncEngine, type SyncEngineOptions, type SyncGateway, type WriteKind } from '../../../main/sync/run';
import { XeroApiError } from '../../../main/xero/xero-client-errors';
import type { Journal } from '../../../main/sync/journal';
import { CLI_BIN } from '../../support/cli-bin';
import { makeTempDir } from '../../support/temp-dir';
import { freePorts } from '../xero/support/sandbox-harness';

export type Json = Record<string, unknown>;

export interface HarnessOptions extends Pick<StartSandboxOptions, 'limits' | 'rateLimits' | 'stateFile' | 'seed' | 'random'> {
  /** The app's clock: the sandbox's (default; tokens are renewed ahead of expiry) or the real one (expiry shows as 401). */
  appClock?: 'sandbox' | 'real';
}

export interface EngineHarness {
  sandbox: RunningSandbox;
  dataDir: string;
  services: AppServices;
  tenantId: string;
  logLines: string[];
  keychain: Keychain;
  /**
   * An engine on the profile; waits advance the sandbox clock. `wrap` can decorate the gateway (spy, faults);
   * `journal` replaces the profile's own connection (e.g. one opened with a short busy timeout).
   */
  engine(options?: SyncEngineOptions, wrap?: (gateway: SyncGateway) => SyncGateway, journal?: () => Journal): SyncEngine;
  gateway(): SyncGateway;
  journal(): Journal;
  put(transactions: CourseCoTransaction[], payments?: CourseCoPayment[]): void;
  /** The Irish org's documents as the sandbox holds them (Xero JSON). */
  org(): { Invoices: Json[]; Payments: Json[]; CreditNotes: Json[]; Contacts: Json[] };
  /** Accounting API requests the sandbox saw (optionally since an index). */
  apiRequests(): Array<{ method: string; path: string; status: number; fault?: string; query: string }>;
  /** Adds a fault through the sandbox's admin API (`POST /sandbox/faults`), as any test client would. */
  fault(...specs: FaultSpec[]): Promise<void>;
  stop(): Promise<void>;
}

export const sandboxSleep = (sandbox: RunningSandbox) => (ms: number) => {
  sandbox.advanceClock(Math.max(0, ms) / 1000);
  return Promise.resolve();
};

export async function startEngineHarness(options: HarnessOptions = {}): Promise<EngineHarness> {
  const ports = await freePorts(3);
  const sandbox = await startSandbox({ redirectUris: ports.map((p) => `http://localhost:${p}/callback`), limits: options.limits ?? 'off', ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}), ...(options.stateFile ? { stateFile: options.stateFile } : {}), ...(options.seed ? { seed: options.seed } : {}), ...(options.random ? { random: options.random } : {}) });
  const temp = makeTempDir('ccxa-engine-');
  const keychain = createKeychain(temp.dir);
  const logLines: string[] = [];
  const clock: Clock = options.appClock === 'real' ? { now: () => Date.now() } : { now: () => sandbox.now() };
  const settings = openNodeSettingsStore(temp.dir);
  pointProfileAt(settings, sandbox, ports);
  settings.update({
    'xero.invoiceAccountCode': '200',
    'xero.paymentAccountCode': '090',
    'xero.taxRateName': '23% VAT on Income',
    'xero.invoiceStatus': 'AUTHORISED',
  });
  const services = openProfile({
    host: 'cli',
    dataDir: temp.dir,
    settings,
    keychain,
    clock,
    log: createLogger((line) => logLines.push(line), 'debug'),
    xero: { callbackTimeoutMs: 10_000, tokenRetryDelaysMs: [10, 10, 10], apiTimeoutMs: 5_000 },
  });
  const connected = await connectToSandbox(services, sandbox);
  const tenantId = connected.organisation!.tenantId;
  // The engine always keeps the sandbox's time: its waits advance that clock.
  const engineClock: Clock = { now: () => sandbox.now() };
  const parts = { dataDir: temp.dir, host: 'cli', settings, clock: engineClock, log: services.log, connection: services.connection, journal: () => services.journal() };
  const gateway = () => createXeroGateway(services.connection.xero, () => settings.get('xero.tenantId'));
  const orgOf = () => (sandbox.state().organisations as Array<{ tenantId: string } & Json>).find((o) => o.tenantId === tenantId)!;

  return {
    sandbox,
    dataDir: temp.dir,
    services,
    tenantId,
    logLines,
    keychain,
    engine(engineOptions = {}, wrap, journal) {
      const all = { sleep: sandboxSleep(sandbox), retryBaseMs: 200, ...engineOptions };
      if (!wrap && !journal) return createProfileSyncEngine(parts, all);
      return createSyncEngine({ dataDir: temp.dir, host: 'cli', journal: journal ?? parts.journal, settings: () => settings.all(), gateway: wrap ? wrap(gateway()) : gateway(), clock: engineClock, log: services.log, options: all });
    },
    gateway,
    journal: () => services.journal(),
    put(transactions, payments = []) {
      services.journal().importTransactions(transactions);
      if (payments.length > 0) services.journal().importPayments(payments);
    },
    org() {
      const org = orgOf();
      return { Invoices: org.Invoices as Json[], Payments: org.Payments as Json[], CreditNotes: org.CreditNotes as Json[], Contacts: org.Contacts as Json[] };
    },
    apiRequests: () => sandbox.requestLog().filter((r) => r.path.startsWith('/api.xro/')).map((r) => ({ method: r.method, path: r.path, status: r.status, query: r.query, ...(r.fault ? { fault: r.fault } : {}) })),
    async fault(...specs) {
      const response = await fetch(`${sandbox.baseUrl}/sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sandbox-admin': sandbox.adminToken },
        body: JSON.stringify({ faults: specs }),
      });
      if (!response.ok) throw new Error(`POST /sandbox/faults answered ${response.status}: ${await response.text()}`);
    },
    async stop() {
      await services.dispose();
      await keychain.delete('token-set').catch(() => undefined);
      await keychain.delete('client-secret').catch(() => undefined);
      await sandbox.stop();
      temp.cleanup();
    },
  };
}

/** A harness per test, stopped after it: `start` inside the test, with the options that test needs. */
export function harnessPerTest(): { start(options?: HarnessOptions): Promise<EngineHarness> } {
  let current: EngineHarness | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return {
    async start(options) {
      current = await startEngineHarness(options);
      return current;
    },
  };
}

export interface Workload {
  transactions: CourseCoTransaction[];
  payments: CourseCoPayment[];
}

/** Totals as Xero computes them for our generated lines (Exclusive, 23 % per line, rounded half away from zero). */
function totalOf(lines: CourseCoTransaction['lines']): Decimal {
  return lines.reduce((sum, l) => {
    const net = new Decimal(l.quantity).times(l.unitAmount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return sum.plus(net).plus(net.times('0.23').toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  }, new Decimal(0));
}

/**
 * `count` CourseCo transactions `<prefix>1…`: a handful of contacts shared between them, CourseCo invoice numbers on
 * all but every fourth (those Xero numbers itself), one or two payments on most, and every `creditEvery`-th a
 * credit note.
 */
export function workload(prefix: string, count: number, options: { contacts?: number; creditEvery?: number; numbered?: boolean; date?: string } = {}): Workload {
  const contacts = options.contacts ?? Math.max(1, Math.ceil(count / 5));
  const transactions: CourseCoTransaction[] = [];
  const payments: CourseCoPayment[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `${prefix}${i}`;
    const credit = options.creditEvery !== undefined && i % options.creditEvery === 0;
    const lines = Array.from({ length: 1 + (i % 2) }, (_, l) => ({ row: 2 + l, description: `Course ${(i + l) % 7}`, quantity: String(1 + ((i + l) % 3)), unitAmount: `${90 + ((i * 13 + l) % 200)}.50`, taxRate: '23' }));
    const tx: CourseCoTransaction = {
      transactionId: id,
      kind: credit ? 'credit' : 'invoice',
      contact: { name: `${prefix} Customer ${i % contacts}` },
      date: options.date ?? '2026-09-01',
      amountsIncludeTax: false,
      lines,
      ...(options.numbered !== false && i % 4 !== 0 ? { invoiceNumber: `${credit ? 'CN' : 'INV'}-${prefix}-${i}` } : {}),
    };
    transactions.push(tx);
    if (credit || i % 5 === 0) continue;
    const total = totalOf(lines);
    if (i % 3 === 0) {
      const half = total.dividedBy(2).toDecimalPlaces(2, Decimal.ROUND_DOWN);
      payments.push({ paymentId: `${id}-a`, transactionId: id, date: '2026-09-05', amount: half.toFixed(2), method: 'Card', row: i });
      payments.push({ paymentId: `${id}-b`, transactionId: id, date: '2026-09-10', amount: total.minus(half).toFixed(2), method: 'EFT/Bank Transfer', row: i });
    } else payments.push({ paymentId: `${id}-a`, transactionId: id, date: '2026-09-05', amount: total.toFixed(2), method: 'Card', row: i });
  }
  return { transactions, payments };
}

/** How many times each of our references appears among the sandbox's live documents. */
export function referenceCounts(docs: Json[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) {
    if (d.Status === 'DELETED' || d.Status === 'VOIDED') continue;
    const ref = typeof d.Reference === 'string' ? d.Reference : '';
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return counts;
}

/**
 * Each workload's transactions and payments exactly once in Xero (documents found by their CourseCo reference), each
 * contact number once, the journal pointing at exactly those documents, and nothing left in flight.
 */
export function expectExactlyOnce(hh: Pick<EngineHarness, 'org' | 'journal'>, workloads: readonly Workload[]): void {
  const org = hh.org();
  const invoices = referenceCounts(org.Invoices);
  const credits = referenceCounts(org.CreditNotes);
  const payments = new Map<string, string[]>();
  for (const p of org.Payments) {
    const id = /^CourseCo payment (\S+)/.exec(String(p.Reference))?.[1];
    if (id) payments.set(id, [...(payments.get(id) ?? []), String(p.PaymentID)]);
  }
  const contactNumbers = new Map<string, number>();
  for (const c of org.Contacts) if (c.ContactNumber) contactNumbers.set(String(c.ContactNumber), (contactNumbers.get(String(c.ContactNumber)) ?? 0) + 1);
  expect([...contactNumbers.entries()].filter(([, n]) => n > 1)).toEqual([]);
  // Indexed once: a soak checks tens of thousands of documents, and a find() per transaction would be quadratic.
  const byReference = new Map<string, Json>();
  for (const d of [...org.Invoices, ...org.CreditNotes]) if (typeof d.Reference === 'string') byReference.set(d.Reference, d);
  const journal = hh.journal();
  for (const w of workloads) {
    for (const tx of w.transactions) expect((tx.kind === 'credit' ? credits : invoices).get(`CourseCo Tx ${tx.transactionId}`), tx.transactionId).toBe(1);
    for (const p of w.payments) expect(payments.get(p.paymentId), p.paymentId).toHaveLength(1);
    for (const entry of journal.entries({ ids: w.transactions.map((t) => t.transactionId) })) {
      const id = entry.transaction.transactionId;
      expect(entry.status, id).toBe('synced');
      const inXero = byReference.get(`CourseCo Tx ${id}`)!;
      expect(entry.transaction.kind === 'credit' ? entry.xero.creditNoteId : entry.xero.invoiceId, id).toBe(inXero.InvoiceID ?? inXero.CreditNoteID);
      for (const p of entry.payments) expect(p.xeroPaymentId, p.payment.paymentId).toBe(payments.get(p.payment.paymentId)![0]);
    }
  }
  expect(journal.pendingIntents()).toEqual([]);
  expect(journal.inFlight()).toEqual([]);
}

/** Writes of one kind reach Xero and are saved there, but their answers never reach the app (a dead connection). */
export function answersLost(kind: WriteKind, operation: string): (gateway: SyncGateway) => SyncGateway {
  return (gateway) => ({
    ...gateway,
    write: async (written, payloads, options) => {
      const answer = await gateway.write(written, payloads, options);
      if (written === kind) throw XeroApiError.fromResponse({ status: 0, body: 'socket hang up', headers: {}, operation });
      return answer;
    },
  });
}

/**
 * Kills a CLI run in the tick it sees the sandbox take the request held by a latency fault of `holdMs` (the fault is
 * used up when the request arrives). The sandbox runs in this process, so the hold's timer cannot fire before the
 * 1 ms poll already waiting: the kill lands while that write is in flight. False when the run ended first.
 */
export async function killWhenHeldWriteTaken(run: { child: { kill(signal: NodeJS.Signals): boolean }; exit: Promise<unknown> }, sandbox: RunningSandbox, holdMs: number): Promise<boolean> {
  let exited = false;
  void run.exit.then(() => (exited = true));
  for (;;) {
    if (exited) return false;
    if (!sandbox.faults().some((f) => f.kind === 'latency' && f.latencyMs === holdMs)) {
      run.child.kill('SIGKILL');
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * Runs the CLI on the harness's profile without blocking this process (the sandbox answers from here). A child that
 * finds no sign-in in the keychain (the Linux keyring binding, under load, sometimes settles on its in-kernel fallback
 * for a whole process) made no call yet, so it is simply started again, up to three times.
 */
export async function runCli(h: Pick<EngineHarness, 'dataDir'>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  for (let attempt = 1; ; attempt++) {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI_BIN, '--data-dir', h.dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
    if (attempt >= 3 || result.code !== 1 || !/not connected to Xero/.test(result.stderr)) return result;
  }
}
