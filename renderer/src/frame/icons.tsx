/** Small line icons drawn in the text colour. Decorative only: every use sits beside a visible label. */
import type { ReactElement } from 'react';

function Icon({ children }: { children: ReactElement | ReactElement[] }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const SetupIcon = () => (
  <Icon>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <path d="m3.5 6 1.5 1.5L7.5 5M3.5 12l1.5 1.5L7.5 11" />
    <circle cx="5" cy="18" r="1.25" />
  </Icon>
);

export const TransactionsIcon = () => (
  <Icon>
    <path d="M4 7h13l-3-3M20 17H7l3 3" />
  </Icon>
);

export const RulesIcon = () => (
  <Icon>
    <path d="M4 6h16M4 12h10M4 18h6" />
    <path d="m16 16 2 2 3-4" />
  </Icon>
);

export const ReconcileIcon = () => (
  <Icon>
    <path d="M4 5h7v14H4zM13 5h7v14h-7z" />
    <path d="M6.5 10h2M15.5 10h2M6.5 14h2M15.5 14h2" />
  </Icon>
);

export const DiagnosticsIcon = () => (
  <Icon>
    <path d="M3 12h4l2.5-6 5 12 2.5-6h4" />
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 3v2.5M12 18.5V21M3 12h2.5M18.5 12H21M5.6 5.6l1.8 1.8M16.6 16.6l1.8 1.8M5.6 18.4l1.8-1.8M16.6 7.4l1.8-1.8" />
  </Icon>
);

export const AppMark = () => (
  <svg className="app-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="7" className="app-mark-tile" />
    <path d="M9 16h14M18 11l5 5-5 5" fill="none" className="app-mark-arrow" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
