/**
 * "The organisation takes the data's currency": the currencies of the transactions waiting to be sent against the
 * organisation's base currency and those it has enabled (GET /Organisation, GET /Currencies). Euro data for a sterling
 * organisation without multi-currency is named here too, with the same fix the plan gives (currency-guard.ts).
 */
import { currencyFix, currencyTaken } from '../../sync/plan';
import { currencyName } from '../../../contract/locale';
import { cannotRun, defineCheck, fail, pass, plural } from './check';

/** EUR → Euro (EUR): the name for the bookkeeper, the code as Xero and CourseCo's files write it. */
const named = (code: string) => `${currencyName(code)} (${code})`;

export const currencyOfData = defineCheck({ id: 'currency', title: 'The organisation takes the data’s currency', group: 'common-issues' }, async (facts) => {
  const waiting = facts.deps.journal().entries({ statuses: ['ready', 'failed'] });
  if (waiting.length === 0) return pass('No transaction is waiting to be sent, so there is no currency to check.');
  const byCurrency = new Map<string, number>();
  for (const e of waiting) if (e.transaction.currency) byCurrency.set(e.transaction.currency.toUpperCase(), (byCurrency.get(e.transaction.currency.toUpperCase()) ?? 0) + 1);
  if (byCurrency.size === 0) {
    return pass(waiting.length === 1 ? "The transaction waiting to be sent names no currency, so Xero books it in the organisation's own." : `The ${plural(waiting.length, 'transaction')} waiting to be sent name no currency, so Xero books them in the organisation's own.`);
  }
  const org = await facts.organisation();
  if (!org.ok) return cannotRun(org.problem, 'read the organisation’s currency');
  const base = org.value.baseCurrency;
  if (!base) return pass(`Xero did not say ${org.value.name}'s currency; the sync's plan checks each transaction's currency before sending.`);
  const foreign = [...byCurrency.keys()].filter((c) => c !== base.toUpperCase());
  if (foreign.length === 0) {
    const all = waiting.length === 1 ? 'The transaction waiting to be sent is' : `The ${waiting.length} transactions waiting to be sent are`;
    return pass(`${all} in ${named(base)}, ${org.value.name}'s currency (or carry none, and go in it).`);
  }
  const enabled = await facts.currencies();
  if (!enabled.ok) return cannotRun(enabled.problem, 'read the organisation’s currencies');
  const refused = foreign.filter((c) => !currencyTaken({ base, enabled: enabled.value }, c));
  if (refused.length === 0) return pass(`${org.value.name} keeps its books in ${named(base)} and has ${foreign.map(named).join(', ')} enabled, the other currencies of the waiting transactions.`);
  const waitingIn = refused.map((c) => `${plural(byCurrency.get(c)!, 'transaction')} in ${named(c)}`).join(' and ');
  return fail(
    `${waitingIn} cannot be sent: ${org.value.name} keeps its books in ${named(base)} and has no ${refused.map(named).join(' or ')} enabled.`,
    `${refused.map((c) => currencyFix(c)).join('; ')}.`.replace(/^./, (ch) => ch.toUpperCase()),
  );
});
