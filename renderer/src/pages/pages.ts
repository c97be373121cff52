/** The app's pages in navigation order. Each later issue replaces one page component; the frame stays. */
import type { ComponentType } from 'react';
import type { PageId } from '../state/app-store';
import { DiagnosticsIcon, ReconcileIcon, RulesIcon, SettingsIcon, SetupIcon, TransactionsIcon } from '../frame/icons';
import { DiagnosticsPage } from './DiagnosticsPage';
import { ReconcilePage } from './ReconcilePage';
import { RulesPage } from './RulesPage';
import { SettingsPage } from './SettingsPage';
import { SetupPage } from './SetupPage';
import { TransactionsPage } from './TransactionsPage';

export interface PageEntry {
  id: PageId;
  label: string;
  /** One line under the label in the navigation, saying what the page is for. */
  hint: string;
  Icon: ComponentType;
  Page: ComponentType;
}

export const pages: readonly PageEntry[] = [
  { id: 'setup', label: 'Setup', hint: 'Connect CourseCo to Xero', Icon: SetupIcon, Page: SetupPage },
  { id: 'transactions', label: 'Transactions', hint: 'Review and send to Xero', Icon: TransactionsIcon, Page: TransactionsPage },
  { id: 'rules', label: 'Rules', hint: 'Account, VAT and tracking per course', Icon: RulesIcon, Page: RulesPage },
  { id: 'reconcile', label: 'Reconcile', hint: 'Check Xero still matches', Icon: ReconcileIcon, Page: ReconcilePage },
  { id: 'diagnostics', label: 'Diagnostics', hint: 'Check what could go wrong', Icon: DiagnosticsIcon, Page: DiagnosticsPage },
  { id: 'settings', label: 'Settings', hint: 'Connection, scheduled syncs, about', Icon: SettingsIcon, Page: SettingsPage },
];
