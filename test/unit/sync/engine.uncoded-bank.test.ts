/**
 * Issue 12: a training centre's real bank account often has no code in Xero. Chosen by its AccountID, it takes the
 * payments of a whole sync end to end against the sandbox, which refuses a payment to an account it cannot find, and
 * the account-codes check of diagnostics accepts it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../diagnostics/support';
import { startEngineHarness, workload, type EngineHarness } from './engine-support';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.stop();
});

async function uncodedBankAccount(): Promise<{ AccountID: string; Name: string }> {
  const chart = await h.services.connection.xero.getAccounts();
  const uncoded = (chart.accounts ?? []).filter((a) => String(a.type) === 'BANK' && !a.code && String(a.status) === 'ACTIVE');
  expect(uncoded).toHaveLength(1);
  return { AccountID: uncoded[0]!.accountID!, Name: uncoded[0]!.name! };
}

describe('payments into a bank account without a code', () => {
  it('are sent by AccountID and land in that account, each exactly once', async () => {
    const account = await uncodedBankAccount();
    h.services.settings.update({ 'xero.paymentAccountId': account.AccountID, 'xero.paymentAccountCode': null });
    const w = workload('B', 12, { contacts: 4 });
    h.put(w.transactions, w.payments);

    const summary = await h.engine().run({ all: true });
    expect(summary).toMatchObject({ failed: 0, outcome: 'completed' });
    const ours = h.org().Payments.filter((p) => String(p.Reference).startsWith('CourseCo payment B'));
    expect(ours).toHaveLength(w.payments.length);
    for (const payment of ours) expect(payment).toMatchObject({ Account: { AccountID: account.AccountID } });
    expect(new Set(ours.map((p) => String(p.Reference))).size).toBe(ours.length);
    expect(await h.engine().run({ all: true })).toMatchObject({ failed: 0 });
    expect(h.org().Payments.filter((p) => String(p.Reference).startsWith('CourseCo payment B'))).toHaveLength(w.payments.length);
  });

  it('passes the account-codes check of diagnostics when chosen by id', async () => {
    const account = await uncodedBankAccount();
    h.services.settings.update({ 'xero.paymentAccountId': account.AccountID, 'xero.paymentAccountCode': null });
    const report = await run(h.services);
    const check = report.checks.find((c) => c.id === 'account-codes')!;
    expect(check.status, `${check.evidence} ${check.fix}`).toBe('pass');
    expect(check.evidence).toContain(account.Name);
  });
});
