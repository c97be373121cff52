/**
 * The Settings page's sections, in order. Adding one is one line here: an id (its anchor and heading id), the title
 * shown as its heading, and the component that draws its body (the page supplies the card and the heading).
 */
import type { ComponentType } from 'react';
import { AboutSection } from './AboutSection';
import { ComputerSection } from './ComputerSection';
import { ConnectionSection } from './ConnectionSection';
import { ResetSection } from './ResetSection';
import { ScheduleSection } from './ScheduleSection';

export interface SettingsSection {
  id: string;
  title: string;
  /** One line under the heading, saying what the section is for. */
  lead?: string;
  Section: ComponentType;
}

export const settingsSections: readonly SettingsSection[] = [
  { id: 'xero', title: 'Xero connection', lead: 'The organisation the assistant sends to, and how it is signed in.', Section: ConnectionSection },
  { id: 'schedule', title: 'Scheduled syncs', Section: ScheduleSection },
  { id: 'computer', title: 'This computer', Section: ComputerSection },
  { id: 'about', title: 'About', Section: AboutSection },
  { id: 'reset', title: 'Reset', Section: ResetSection },
];
