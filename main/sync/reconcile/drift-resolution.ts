/**
 * What carrying out a drift item's action does, decided in one place and said in plain words: the service glue asks
 * this, then calls the journal (`acceptDrift`, `resendPayment`, `resendDocument`) and compares again. Pure.
 */
import type { DriftAction, DriftItem } from '../../../contract/features/reconcile';

export type DriftResolution =
  /** Store the item's key: Xero's version is right; it is reported again only if Xero changes again. */
  | { do: 'accept'; key: string; message: string }
  /** `journal.resendPayment(paymentId)`: the next sync records the payment again, under a new key. */
  | { do: 'resend-payment'; paymentId: string; transactionId: string; message: string }
  /** `journal.resendDocument(transactionId, xeroId)`: the next sync sends a new document (xeroId null: never sent). */
  | { do: 'resend-document'; transactionId: string; xeroId: string | null; message: string }
  /** Nothing is done; the message says why. */
  | { do: 'nothing'; message: string };

export function driftResolution(item: DriftItem, action: DriftAction): DriftResolution {
  if (!item.actions.includes(action)) {
    return {
      do: 'nothing',
      message:
        action === 'send-again'
          ? 'This cannot be sent again from here: look into it in Xero, then accept Xero\'s version once it is right.'
          : 'This cannot be accepted from here.',
    };
  }
  if (action === 'accept-xero') {
    return { do: 'accept', key: item.key, message: "Xero's version is accepted: this is no longer reported, unless it changes in Xero again." };
  }
  switch (item.kind) {
    case 'payment-removed':
      if (!item.paymentId || !item.transactionId) return { do: 'nothing', message: 'The payment is not known to the journal, so it cannot be sent again from here.' };
      return {
        do: 'resend-payment',
        paymentId: item.paymentId,
        transactionId: item.transactionId,
        message: `The payment${item.was ? ` of ${item.was}` : ''} will be recorded in Xero again with the next sync.`,
      };
    case 'voided':
    case 'deleted':
    case 'missing-in-xero': {
      if (!item.transactionId) return { do: 'nothing', message: 'No CourseCo transaction holds this document, so there is nothing to send again.' };
      const neverSent = item.xeroId === null;
      const message = neverSent
        ? `CourseCo transaction ${item.transactionId} will be sent to Xero with the next sync.`
        : `CourseCo transaction ${item.transactionId} will be sent again as a new document with the next sync, with its payments.` +
          (item.documentNumber ? ` Xero keeps the number ${item.documentNumber} taken, so the new one gets Xero's next number.` : '');
      return { do: 'resend-document', transactionId: item.transactionId, xeroId: item.xeroId, message };
    }
    default:
      return { do: 'nothing', message: "This cannot be sent again from here: look into it in Xero, then accept Xero's version once it is right." };
  }
}
