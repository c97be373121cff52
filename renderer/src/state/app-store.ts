/**
 * The shell's state: which page is open, what the services say about the Xero connection, and which app and host
 * this is. Pages added by later issues keep their own stores; this one stays about the frame.
 */
import { create } from 'zustand';
import type { AppInfo, ConnectionStatus } from '../../../main/contract/contract';

export type PageId = 'setup' | 'transactions' | 'diagnostics';

/** `checking` until the first answer; `unavailable` when the host cannot be reached at all. */
export type ConnectionView =
  | { phase: 'checking' }
  | { phase: 'known'; status: ConnectionStatus }
  | { phase: 'unavailable'; message: string; fix: string | undefined };

export interface AppState {
  page: PageId;
  connection: ConnectionView;
  appInfo: AppInfo | undefined;
  navigate(page: PageId): void;
  connectionKnown(status: ConnectionStatus): void;
  hostUnavailable(message: string, fix: string | undefined): void;
  appInfoLoaded(info: AppInfo): void;
}

export const useAppStore = create<AppState>()((set) => ({
  page: 'setup',
  connection: { phase: 'checking' },
  appInfo: undefined,
  navigate: (page) => set({ page }),
  connectionKnown: (status) => set({ connection: { phase: 'known', status } }),
  hostUnavailable: (message, fix) => set({ connection: { phase: 'unavailable', message, fix } }),
  appInfoLoaded: (appInfo) => set({ appInfo }),
}));
