/** The window's frame: header, navigation, the open page, status bar. Starts following the host once mounted. */
import { useEffect, useRef, type MouseEvent } from 'react';
import { PAGE_TITLE_ID } from '../components/PageHeading';
import { pages } from '../pages/pages';
import { useAppStore } from '../state/app-store';
import { followHost } from '../state/follow-host';
import { assistant } from '../host/assistant';
import { SampleBanner } from '../wizard/SampleBanner';
import { AppHeader } from './AppHeader';
import { ServicesNotice } from './ServicesNotice';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';

export function AppFrame() {
  const page = useAppStore((state) => state.page);
  // Calls the page had in flight when the services stopped failed; opening it afresh asks again.
  const restarts = useAppStore((state) => state.servicesRestarts);
  const main = useRef<HTMLElement>(null);
  const { Page } = pages.find((entry) => entry.id === page) ?? pages[0]!;

  useEffect(() => followHost(assistant(), useAppStore.getState()), []);

  // Focus the content without touching the URL fragment (the web host's token arrives there).
  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    main.current?.focus();
  };

  return (
    <div className="app-frame">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <AppHeader />
      <SampleBanner />
      <SideNav />
      <main id="main" className="app-main" ref={main} tabIndex={-1} aria-labelledby={PAGE_TITLE_ID}>
        <div className="page">
          <ServicesNotice />
          <Page key={restarts} />
        </div>
      </main>
      <StatusBar />
    </div>
  );
}
