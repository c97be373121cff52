/** Where the onboarding wizard will live: the setup guide's five steps, each verified against Xero. */
import { PageHeading } from '../components/PageHeading';
import { PreviewList, type PreviewItem } from '../components/PreviewList';

const steps: readonly PreviewItem[] = [
  { title: 'Create a Xero app', detail: 'A Web app in Xero’s developer portal, with your CourseCo redirect address.' },
  { title: 'Add the app’s credentials', detail: 'Client ID and Client Secret, stored in your system keychain.' },
  { title: 'Connect your Xero organisation', detail: 'Approve access in Xero; the Tenant ID is found for you.' },
  { title: 'Choose account codes and tax rate', detail: 'Picked from your own Xero chart of accounts, spelled exactly as Xero has them.' },
  { title: 'Test with one transaction', detail: 'Send a single transaction and confirm it arrived in Xero.' },
];

export function SetupPage() {
  return (
    <>
      <PageHeading title="Setup" lead="Connect CourseCo to your Xero organisation in five steps. Each one is checked against Xero before you move on." />
      <section className="panel" aria-labelledby="setup-steps-title">
        <h2 id="setup-steps-title" className="panel-title">
          Setup steps
        </h2>
        <p className="panel-text">The guided setup will walk you through these in order and show a tick as each is confirmed.</p>
        <PreviewList label="Setup steps" items={steps} numbered state="Not started" />
      </section>
    </>
  );
}
