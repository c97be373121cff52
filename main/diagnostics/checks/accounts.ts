/**
 * "Account codes are valid in Xero" / "Account codes not set up in Xero" and "tax code title as entered in Xero (case
 * sensitive)": the configured codes against GET /Accounts (exists, active, usable for invoices / payments) and the
 * configured tax rate title against GET /TaxRates, exactly, with the closest match when it is not.
 */
import { accountLabel, findAccount, paymentAccountVerdict } from '../../sync/plan';
import type { AccountSeen, TaxRateSeen } from '../facts';
import { cannotRun, defineCheck, fail, pass, quotedList, warn } from './check';

const REVENUE_TYPES = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);

function describe(a: AccountSeen): string {
  return `${a.code ? `${a.code} '${a.name}'` : `'${a.name}' (no code)`} (${a.type}${a.status !== 'ACTIVE' ? `, ${a.status}` : ''})`;
}

/** Why an account cannot take invoice lines, or undefined when it can (and a warning when unusual). */
function invoiceProblem(a: AccountSeen): { fail?: string; warn?: string } {
  if (a.status !== 'ACTIVE') return { fail: `${describe(a)} is archived or deleted in Xero; Xero refuses it on invoice lines` };
  if (a.type === 'BANK') return { fail: `${describe(a)} is a bank account; Xero refuses bank accounts on invoice lines` };
  if (a.systemAccount === 'DEBTORS' || a.systemAccount === 'CREDITORS') return { fail: `${describe(a)} is the ${a.systemAccount === 'DEBTORS' ? 'Accounts Receivable' : 'Accounts Payable'} control account; Xero refuses it on invoice lines` };
  if (!REVENUE_TYPES.has(a.type)) return { warn: `${describe(a)} is not a revenue account; course income usually goes to a revenue account such as Sales` };
  return {};
}

/** Asks org-rules.ts, the one place that says which accounts may take payments. */
function paymentProblem(a: AccountSeen): string | undefined {
  const verdict = paymentAccountVerdict({ ...a, code: a.code || undefined });
  if (verdict.ok) return undefined;
  if (a.status !== 'ACTIVE') return `${describe(a)} is archived or deleted in Xero`;
  return `${describe(a)} is neither a bank account nor has "Enable payments to this account" ticked`;
}

export const accountCodes = defineCheck({ id: 'account-codes', title: 'Account codes are valid in Xero', group: 'what-to-check' }, async (facts) => {
  const settings = facts.settings();
  const invoiceCode = settings['xero.invoiceAccountCode'];
  const paymentCode = settings['xero.paymentAccountCode'];
  const paymentId = settings['xero.paymentAccountId'];
  const missing = [!invoiceCode ? 'invoice' : '', !paymentCode && !paymentId ? 'payment' : ''].filter(Boolean);
  if (missing.length) {
    return fail(`The ${missing.join(' and ')} account code${missing.length > 1 ? 's are' : ' is'} not set.`, 'Choose the invoice (revenue) and payment (bank) account codes from your Xero chart of accounts in Setup.');
  }
  const seen = await facts.accounts();
  if (!seen.ok) return cannotRun(seen.problem, `look up the invoice account ${invoiceCode} and the payment account in Xero`);
  const byCode = new Map(seen.value.filter((a) => a.code).map((a) => [a.code, a]));
  const failures: string[] = [];
  const warnings: string[] = [];
  const fixes: string[] = [];
  const invoice = byCode.get(invoiceCode!);
  if (!invoice) {
    failures.push(`invoice account code ${invoiceCode} does not exist in Xero`);
    const revenue = seen.value.filter((a) => a.status === 'ACTIVE' && REVENUE_TYPES.has(a.type)).slice(0, 5).map((a) => `${a.code} ${a.name}`);
    fixes.push(`Set the invoice account code to an active revenue account${revenue.length ? ` (for example ${quotedList(revenue)})` : ''}, or create account ${invoiceCode} in Xero.`);
  } else {
    const problem = invoiceProblem(invoice);
    if (problem.fail) {
      failures.push(`invoice account ${problem.fail}`);
      fixes.push('Choose an active revenue account for invoice lines (Setup → account codes), or restore the account in Xero.');
    } else if (problem.warn) warnings.push(`invoice account ${problem.warn}`);
  }
  // Chosen in setup by AccountID (bank accounts may have no code); older profiles name it by code.
  const payment = paymentId ? findAccount(seen.value, { accountId: paymentId }) : byCode.get(paymentCode!);
  if (!payment) {
    failures.push(paymentId ? `the payment account chosen in Setup (AccountID ${paymentId}) no longer exists in Xero` : `payment account code ${paymentCode} does not exist in Xero`);
    fixes.push(paymentId ? 'Choose the payment account again in Setup.' : `Set the payment account code to a bank account, or create account ${paymentCode} in Xero.`);
  } else {
    const problem = paymentProblem(payment);
    if (problem) {
      failures.push(`payment account ${problem}`);
      fixes.push(
        payment.status !== 'ACTIVE'
          ? 'Choose an active bank account for payments, or restore the account in Xero.'
          : `Choose a bank account for payments, or in Xero edit account ${accountLabel({ code: payment.code || undefined, name: payment.name })} and tick "Enable payments to this account".`,
      );
    }
  }
  if (failures.length) return fail(`${failures.join('; ')}.`, fixes.join(' '));
  const ok = `Invoice account ${describe(invoice!)} and payment account ${describe(payment!)}${payment!.type === 'BANK' ? '' : ' with payments enabled'} exist and are active.`;
  if (warnings.length) return warn(`${ok} But: ${warnings.join('; ')}.`, 'Check that this is the account CourseCo income should go to.');
  return pass(ok);
});

/** Levenshtein distance on lower-cased text, for "did you mean". */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= y.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (x[i - 1] === y[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[y.length]!;
}

export function closestTaxRate(wanted: string, rates: readonly TaxRateSeen[]): TaxRateSeen | undefined {
  let best: TaxRateSeen | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const rate of rates) {
    if (rate.status !== 'ACTIVE') continue;
    const score = distance(wanted, rate.name);
    if (score < bestScore) {
      best = rate;
      bestScore = score;
    }
  }
  return best;
}

export const taxRateTitle = defineCheck({ id: 'tax-rate-title', title: 'Tax code title matches Xero exactly', group: 'common-issues' }, async (facts) => {
  const wanted = facts.settings()['xero.taxRateName'];
  if (!wanted) return warn('No tax code title is set; CourseCo needs it exactly as Xero spells it.', 'Pick the tax rate from your Xero organisation\'s list in Setup.');
  const seen = await facts.taxRates();
  if (!seen.ok) return cannotRun(seen.problem, `compare the tax code title '${wanted}' with Xero's tax rates`);
  const exact = seen.value.find((r) => r.name === wanted);
  if (exact && exact.status === 'ACTIVE') {
    return pass(`'${wanted}' matches Xero's tax rate exactly (${exact.taxType}${exact.effectiveRate !== undefined ? `, ${exact.effectiveRate}%` : ''}).`);
  }
  if (exact) {
    const alternative = closestTaxRate(wanted, seen.value);
    return fail(
      `'${wanted}' exists in Xero but is ${exact.status.toLowerCase()}.`,
      `Choose an active tax rate${alternative ? `, for example '${alternative.name}'` : ''}, in Setup.`,
    );
  }
  const caseOnly = seen.value.find((r) => r.name.toLowerCase() === wanted.toLowerCase() && r.status === 'ACTIVE');
  if (caseOnly) {
    return fail(
      `'${wanted}' differs from Xero's '${caseOnly.name}' only in letter case; Xero and CourseCo compare tax code titles case-sensitively.`,
      `Set the tax code title to '${caseOnly.name}' exactly (same capital letters).`,
    );
  }
  const closest = closestTaxRate(wanted, seen.value);
  return fail(
    `Xero has no tax rate titled '${wanted}'${closest ? `; the closest is '${closest.name}'` : ''}.`,
    closest ? `Set the tax code title to '${closest.name}' if that is the one you mean, exactly as Xero spells it.` : 'Create the tax rate in Xero, or pick one from the organisation\'s list in Setup.',
  );
});
