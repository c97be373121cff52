/** Settings → About: what this app is, its version and licence, and the runtimes it runs on (for support). */
import { useAppStore } from '../state/app-store';

/** package.json names no licence yet; the page says so rather than claim one. */
const LICENCE = 'No licence has been published with this version yet. Ask the person who gave you the app before sharing it.';

export function AboutSection() {
  const info = useAppStore((s) => s.appInfo);
  if (!info) return <p className="st-muted">Reading…</p>;
  const { electron, chrome, node } = info.versions;
  return (
    <>
      <p>
        <strong>{info.name}</strong> sets up CourseCo&apos;s link to Xero step by step, checks each step against Xero, and sends CourseCo&apos;s transactions to
        Xero as contacts, invoices and payments, so every booking and payment appears in your books once.
      </p>
      <dl className="facts st-facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Licence</dt>
        <dd>{LICENCE}</dd>
        <dt>Runs on</dt>
        <dd>
          <ul className="st-list st-plain">
            <li>Electron {electron ?? '— (not used: this copy runs in a web browser)'}</li>
            <li>Chromium {chrome ?? '— (the web browser\'s own)'}</li>
            <li>Node.js {node}</li>
          </ul>
        </dd>
      </dl>
    </>
  );
}
