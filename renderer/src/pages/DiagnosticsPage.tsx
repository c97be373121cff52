/** Where diagnostics will live: the guide's "What to Check" list, run automatically and exportable for support. */
import { PageHeading } from '../components/PageHeading';
import { PreviewList, type PreviewItem } from '../components/PreviewList';

const checks: readonly PreviewItem[] = [
  { title: 'Connection is active', detail: 'Xero still accepts the assistant’s access.' },
  { title: 'Tenant ID is set', detail: 'The connected organisation is the one you expect.' },
  { title: 'Account codes exist in Xero', detail: 'Invoice and payment accounts are valid and usable.' },
  { title: 'Tax rate matches exactly', detail: 'The tax rate name matches Xero’s, including capital letters.' },
  { title: 'Recent syncs succeeded', detail: 'No transactions are waiting on an error.' },
];

export function DiagnosticsPage() {
  return (
    <>
      <PageHeading title="Diagnostics" lead="Checks for the problems that most often stop transactions reaching Xero, with the fix for each." />
      <section className="panel" aria-labelledby="diagnostics-checks-title">
        <h2 id="diagnostics-checks-title" className="panel-title">
          Checks
        </h2>
        <p className="panel-text">These run automatically once Xero is connected. You will also be able to save a report for support, with secrets removed.</p>
        <PreviewList label="Checks" items={checks} numbered={false} state="Waiting for setup" />
      </section>
    </>
  );
}
