/**
 * Phase 1: the contacts the plan creates (one per new payer, keyed on our ContactNumber). A contact Xero refuses
 * fails every transaction it was for; one whose fate is unknown is looked up by its ContactNumber.
 */
import type { PlannedDocument, XeroContact } from '../plan';
import { read, type BatchMember, type MemberResult } from './engine-calls';
import { answered, refusal, sendPhase, type RunInProgress } from './send-phase';
import type { WrittenElement } from './xero-gateway';
import { findContactsByNumber } from './xero-queries';

export async function sendContacts(run: RunInProgress, docs: PlannedDocument<XeroContact>[]): Promise<void> {
  const byRef = new Map(docs.map((d) => [d.key, d]));
  await sendPhase<XeroContact>(run, 'contacts', [
    {
      writeKind: 'contacts',
      concurrency: run.deps.concurrency,
      members: docs.map((doc) => ({ memberId: doc.key, doc, payload: doc.payload })),
      request: {
        intentKind: 'contacts',
        findExisting: (members) => findExistingContacts(run, members),
        record: (results) => recordContacts(run, byRef, results),
      },
    },
  ]);
}

/** Contacts of an uncertain batch that reached Xero, by our ContactNumber. */
async function findExistingContacts(run: RunInProgress, members: BatchMember<XeroContact>[]): Promise<Map<string, WrittenElement & { id: string }>> {
  const found = await findContactsByNumber(run.deps.gateway, members.map((m) => m.memberId), (r) => read(run.ctx, r));
  const out = new Map<string, WrittenElement & { id: string }>();
  for (const m of members) {
    const c = found.get(m.memberId);
    if (c) out.set(m.memberId, { id: c.ContactID, number: m.memberId, errors: [], warnings: [] });
  }
  return out;
}

function recordContacts(run: RunInProgress, byRef: Map<string, PlannedDocument<XeroContact>>, results: Map<string, MemberResult>): void {
  const { ledger } = run;
  for (const [ref, result] of results) {
    const doc = byRef.get(ref)!;
    const served = doc.transactionIds.filter((tx) => ledger.live(tx));
    if (result.ok) {
      ledger.contactIds.set(ref, result.id);
      run.deps.journal.recordContact(served, result.id);
    } else for (const tx of served) ledger.fail(tx, refusal(`new contact "${doc.payload.Name}"`, result.element.errors), result.element.errors);
  }
  answered(run, 'contacts', results);
}
