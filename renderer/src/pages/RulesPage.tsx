/** Rules per course: which account, tax rate and tracking options a CourseCo line gets in Xero. */
import { PageHeading } from '../components/PageHeading';
import { RulesEditor } from '../rules/RulesEditor';

export function RulesPage() {
  return (
    <>
      <PageHeading
        title="Rules"
        lead="Choose the account, tax rate and Xero tracking options by course, course category, nominal code, transaction type or venue. The preview shows which rule each line followed."
      />
      <RulesEditor />
    </>
  );
}
