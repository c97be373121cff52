/**
 * What the wizard has verified against Xero, kept in the profile's data dir (`wizard-facts.json`) so the checklist
 * survives a restart. Each record names the tenant and the value it was verified for: a record only counts while the
 * settings still hold that value for that tenant, so changing a setting by any route un-ticks its step. Never a
 * secret or a token; written atomically (temp file + rename).
 */
import path from 'node:path';
import { z } from 'zod';
import { TestSyncFact } from '../../contract/features/wizard';
import { openJsonFile } from '../json-file';

export const FACTS_FILE = 'wizard-facts.json';

const Verified = z.object({ tenantId: z.string(), value: z.string(), label: z.string(), at: z.string() });
export type VerifiedValue = z.infer<typeof Verified>;

const Facts = z.object({
  /** The stored tenant was among Xero's connections (GET /connections) at `at`. */
  tenant: z.object({ tenantId: z.string(), name: z.string(), at: z.string() }).optional(),
  invoiceAccountCode: Verified.optional(),
  paymentAccountCode: Verified.optional(),
  /** label = the TaxType code. */
  taxRateName: Verified.optional(),
  /** value = `xero.taxTypesByRate|xero.taxRateName`: every percentage several sales rates share has its rate chosen. */
  rateChoices: Verified.optional(),
  /**
   * The person confirmed they entered the values in CourseCo's Settings → Xero 2; value = the values they saw
   * (`courseCoFingerprint`), so changing any of them asks again. The assistant cannot read CourseCo's settings.
   */
  courseCoEntered: Verified.optional(),
  /** The contract's test-sync fact, plus the tenant it was read back from. */
  testSync: TestSyncFact.extend({ tenantId: z.string() }).optional(),
});
export type WizardFacts = z.infer<typeof Facts>;

export interface FactsStore {
  read(): WizardFacts;
  update(change: (facts: WizardFacts) => WizardFacts): WizardFacts;
}

export function openFactsStore(dataDir: string): FactsStore {
  const file = openJsonFile(path.join(dataDir, FACTS_FILE), Facts);
  // A damaged file only costs re-verification, never a wrong tick.
  const read = (): WizardFacts => file.read() ?? {};
  return {
    read,
    update: (change) => file.write(change(read())),
  };
}
