/** One panel of the reconciliation page: a card labelled by its heading, so every panel is read out the same way. */
import type { ReactNode } from 'react';

export function ReconcilePanel({ titleId, title, children }: { titleId: string; title: string; children: ReactNode }) {
  return (
    <section className="card reconcile-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="reconcile-panel-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
