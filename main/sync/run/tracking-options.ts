/**
 * Before any document is sent: the tracking options the planned lines' rules name and Xero lacks are added
 * (`PUT /TrackingCategories/{id}/Options`), only because the user agreed (the `rules.addTrackingOptions` setting; the
 * planner lists them only then). An option Xero will not add — most often because the sign-in lacks the
 * `accounting.settings` scope — fails the transactions whose rules name it, with the reason and the fix; the rest go.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../errors';
import { TRACKING_SCOPE_REASON, type MissingOption, type SyncPlan } from '../plan';
import { DailyLimitReached, read, SyncCancelled, type CallContext } from './engine-calls';
import type { RunDeps } from './run-context';

/** Xero keeps an Idempotency-Key for minutes (xero-facts.md §6): a retried add is answered from its first answer. */
function keyFor(option: MissingOption): string {
  return `ccxa-tracking-option-${createHash('sha256').update(`${option.categoryId}\n${option.option.toLowerCase()}`).digest('hex').slice(0, 40)}`;
}

function refuse(plan: SyncPlan, option: MissingOption, why: string): void {
  const message = `Xero did not add the tracking option '${option.option}' to '${option.category}' (${why}): connect to Xero again and approve changing settings (needed ${TRACKING_SCOPE_REASON}), or add the option yourself in Xero → Accounting → Advanced → Tracking categories, then sync again`;
  for (const t of plan.transactions) {
    if (t.outcome !== 'planned' || !(t.lineRules ?? []).some((name) => name !== null && option.rules.includes(name))) continue;
    t.outcome = 'error';
    t.errors.push(message);
    t.documents = [];
  }
}

export async function addTrackingOptions(deps: Pick<RunDeps, 'gateway' | 'log'>, ctx: CallContext, plan: SyncPlan): Promise<{ added: number }> {
  let added = 0;
  for (const option of plan.trackingOptionsToAdd ?? []) {
    const add = deps.gateway.addTrackingOption?.bind(deps.gateway);
    if (!add) {
      refuse(plan, option, 'this connection cannot add tracking options');
      continue;
    }
    try {
      await read(ctx, () => add(option.categoryId, option.option, keyFor(option)));
      added++;
      deps.log.info('sync: added a tracking option the rules name', { category: option.category, option: option.option });
    } catch (error) {
      if (error instanceof SyncCancelled || error instanceof DailyLimitReached) throw error;
      refuse(plan, option, error instanceof DomainError ? error.message.replace(/\.$/, '') : String(error));
    }
  }
  return { added };
}
