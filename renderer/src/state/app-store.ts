/**
 * The app frame's state: which page is open, what the services say about the Xero connection, and which app and host
 * this is. Pages added by later issues keep their own stores; this one stays about the frame.
 */
import { create } from 'zustand';
import type { AppInfo, ConnectionStatus } from '../../../contract/contract';

export type PageId = 'setup' | 'transactions' | 'rules' | 'reconcile' | 'diagnostics' | 'settings';

/** `checking` until the first answer; `unavailable` when the host cannot be reached at all. */
export type ConnectionView =
  | { phase: 'checking' }
  | { phase: 'known'; status: ConnectionStatus }
  | { phase: 'unavailable'; message: string; fix: string | undefined };

/** A page that sent the person elsewhere for one task, and the way back it offers once that task is done. */
export interface ReturnTo {
  page: PageId;
  label: string;
}

export interface AppState {
  page: PageId;
  connection: ConnectionView;
  appInfo: AppInfo | undefined;
  /** Set by an errand such as "import, then come back to test": the page it leads to offers the way back. */
  returnTo: ReturnTo | undefined;
  /** Set when the services process stopped unexpectedly and was started again; the frame says so until dismissed. */
  servicesRestart: { restarts: number } | undefined;
  /** How many times the services were started again; the open page is opened afresh each time, reloading its data. */
  servicesRestarts: number;
  /** Going anywhere by any other route forgets the errand. */
  navigate(page: PageId, options?: { returnTo?: ReturnTo }): void;
  connectionKnown(status: ConnectionStatus): void;
  hostUnavailable(message: string, fix: string | undefined): void;
  appInfoLoaded(info: AppInfo): void;
  servicesRestarted(restarts: number): void;
  dismissServicesRestart(): void;
}

export const useAppStore = create<AppState>()((set) => ({
  page: 'setup',
  connection: { phase: 'checking' },
  appInfo: undefined,
  returnTo: undefined,
  servicesRestart: undefined,
  servicesRestarts: 0,
  navigate: (page, options) => set({ page, returnTo: options?.returnTo }),
  connectionKnown: (status) => set({ connection: { phase: 'known', status } }),
  hostUnavailable: (message, fix) => set({ connection: { phase: 'unavailable', message, fix } }),
  appInfoLoaded: (appInfo) => set({ appInfo }),
  servicesRestarted: (restarts) => set((state) => ({ servicesRestart: { restarts }, servicesRestarts: state.servicesRestarts + 1 })),
  dismissServicesRestart: () => set({ servicesRestart: undefined }),
}));
