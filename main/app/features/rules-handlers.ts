/**
 * Handlers of rules per course (contract/features/rules.ts): the stored rules and the example, saving a whole
 * document (refused whole when bad), the live chart for the editor's pickers, and the answer to adding missing tracking
 * options — which says when Xero must be asked again for `accounting.settings`, and why.
 */
import type { rulesChannels, RulesChart, RulesState } from '../../../contract/features/rules';
import { saveRules, setAddTrackingOptions, storedRules } from '../../settings/rules-settings';
import { EXAMPLE_RULES, salesAccountVerdict, salesRateVerdict, TRACKING_SCOPE_REASON } from '../../sync/plan';
import type { FeatureContext, FeatureHandlers } from '../feature-context';

export function createRulesHandlers(context: FeatureContext): FeatureHandlers<keyof typeof rulesChannels> {
  const state = (): RulesState => ({ ...storedRules(context.settings), example: EXAMPLE_RULES });

  const chart = async (): Promise<RulesChart> => {
    const xero = context.connection.xero;
    const [accounts, rates, tracking] = await Promise.all([
      xero.getAccounts(),
      xero.getTaxRates(),
      xero.call('GET /TrackingCategories', (api, tenant) => api.getTrackingCategories(tenant)),
    ]);
    const chartAccounts = (accounts.accounts ?? []).map((a) => ({ Code: a.code, Name: a.name, Status: String(a.status ?? 'ACTIVE'), Type: String(a.type ?? ''), ...(a._class !== undefined ? { Class: String(a._class) } : {}) }));
    return {
      accounts: chartAccounts
        .filter((a): a is typeof a & { Code: string } => Boolean(a.Code) && a.Status === 'ACTIVE')
        .map((a) => {
          // Offered as the chart policy offers invoice accounts: usable unless refused (a warning is still said).
          const verdict = salesAccountVerdict(a.Code, { accounts: chartAccounts });
          const why = verdict && verdict.level !== 'ok' ? `${verdict.why} ${verdict.fix}` : undefined;
          return { code: a.Code, name: a.Name ?? '', usable: verdict?.level !== 'refuse', ...(why ? { why } : {}) };
        }),
      taxRates: (rates.taxRates ?? [])
        .filter((r) => String(r.status ?? 'ACTIVE') === 'ACTIVE')
        .map((r) => {
          const verdict = salesRateVerdict({ name: r.name ?? '', taxType: r.taxType ?? '', status: 'ACTIVE', canApplyToRevenue: r.canApplyToRevenue !== false, rate: String(r.effectiveRate ?? 0) });
          return { taxType: r.taxType ?? '', name: r.name ?? '', rate: String(r.effectiveRate ?? 0), usable: verdict.ok, ...(verdict.ok ? {} : { why: verdict.why }) };
        }),
      trackingCategories: (tracking.trackingCategories ?? []).map((c) => ({ name: c.name ?? '', options: (c.options ?? []).map((o) => o.name ?? '') })),
    };
  };

  return {
    'rules.get': () => state(),
    'rules.save': ({ rules }) => {
      saveRules(context.settings, rules);
      return state();
    },
    'rules.chart': () => chart(),
    'rules.setAddTrackingOptions': async ({ agree }) => {
      setAddTrackingOptions(context.settings, agree);
      const token = await context.connection.tokens.state();
      const granted = token.kind === 'active' && (token.scope ?? '').split(/\s+/).includes('accounting.settings');
      const reconnect = agree && !granted;
      return {
        state: state(),
        reconnect,
        why: agree
          ? reconnect
            ? `Connect to Xero again and approve changing settings: the assistant needs it ${TRACKING_SCOPE_REASON}. Nothing else changes.`
            : `Xero already allows it: tracking options your rules name are added before sending.`
          : 'Tracking options missing in Xero will be errors in the plan, each with its fix; nothing is added to Xero.',
      };
    },
  };
}
