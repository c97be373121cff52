/**
 * A wide table's box: scrolls sideways when the window is narrow, and can then be reached with Tab and scrolled with
 * the arrow keys (a scrollable region nobody can focus is out of reach for keyboard users).
 */
import type { ReactNode } from 'react';

export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="reconcile-scroll" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
