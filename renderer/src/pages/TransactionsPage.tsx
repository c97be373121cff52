/** The sync console: CourseCo transactions, reviewed and sent to Xero in safe batches (renderer/src/console/). */
import { PageHeading } from '../components/PageHeading';
import { Console } from '../console/Console';

export function TransactionsPage() {
  return (
    <>
      <PageHeading title="Transactions" lead="Review CourseCo transactions and send them to Xero as contacts, invoices and payments." />
      <Console />
    </>
  );
}
