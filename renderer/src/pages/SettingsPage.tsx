/**
 * Settings: the Xero connection (and the two ways to stop using it), this computer's folders, About, and the reset.
 * Each section is one entry of `../settings/sections.ts`; this page only lays them out as cards.
 */
import { PageHeading } from '../components/PageHeading';
import { settingsSections } from '../settings/sections';
import '../settings/settings.css';

export function SettingsPage() {
  return (
    <div className="st-page">
      <PageHeading title="Settings" lead="The Xero connection, syncs at a set time, where your data is kept, and starting again." />
      {settingsSections.map(({ id, title, lead, Section }) => (
        <section key={id} className="card st-section" aria-labelledby={`settings-${id}`} id={`settings-section-${id}`}>
          <h2 id={`settings-${id}`} className="st-section-title">
            {title}
          </h2>
          {lead ? <p className="st-lead">{lead}</p> : null}
          <Section />
        </section>
      ))}
    </div>
  );
}
