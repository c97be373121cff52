/** Where the sync console will live: CourseCo transactions, reviewed and sent to Xero in safe batches. */
import { PageHeading } from '../components/PageHeading';
import { PreviewList, type PreviewItem } from '../components/PreviewList';

const promises: readonly PreviewItem[] = [
  { title: 'Import from CourseCo', detail: 'Load the Xero Transactions report you export from CourseCo, or try the sample data.' },
  { title: 'Review before sending', detail: 'See each transaction as the contact, invoice and payment it becomes in Xero.' },
  { title: 'Send in safe batches', detail: 'Never sent twice, and picks up where it left off if interrupted.' },
];

export function TransactionsPage() {
  return (
    <>
      <PageHeading title="Transactions" lead="Review CourseCo transactions and send them to Xero as contacts, invoices and payments." />
      <section className="panel empty-state" aria-labelledby="transactions-empty-title">
        <h2 id="transactions-empty-title" className="panel-title">
          No transactions yet
        </h2>
        <p className="panel-text">Transactions appear here once Xero is connected and a CourseCo report has been imported.</p>
        <PreviewList label="What this page will do" items={promises} numbered={false} state="After setup" />
      </section>
    </>
  );
}
