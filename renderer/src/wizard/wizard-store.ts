/**
 * The wizard's state in the renderer: the checklist as the services derive it (`wizard.state`), the active profile,
 * and which panel is open. Ticks only ever come from the services; the renderer never marks anything done itself.
 */
import { create } from 'zustand';
import type { ProfileInfo, WizardState, WizardStepId } from './types';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';

/** The panels of the wizard; `connect` holds both connecting and choosing (the guide's step 4). */
export type PanelId = 'app' | 'credentials' | 'courseco' | 'connect' | 'test' | 'check';

export const PANELS: ReadonlyArray<{ id: PanelId; number: number; title: string }> = [
  { id: 'app', number: 1, title: 'Create the Xero app' },
  { id: 'credentials', number: 2, title: 'Credentials' },
  { id: 'courseco', number: 3, title: 'Values for CourseCo' },
  { id: 'connect', number: 4, title: 'Connect & choose' },
  { id: 'test', number: 5, title: 'Test the connection' },
  { id: 'check', number: 6, title: 'What to check' },
];

export function panelOf(step: WizardStepId): PanelId {
  return step === 'choose' ? 'connect' : step;
}

export interface WizardStore {
  state: WizardState | undefined;
  profile: ProfileInfo | undefined;
  loadError: Failure | undefined;
  /** The open panel; undefined until the first state arrives (then the first step not done). */
  panel: PanelId | undefined;
  /** The person chose "Set up with my Xero" on the first screen (this session). */
  startedOwn: boolean;
  switching: boolean;
  refresh(): Promise<WizardState | undefined>;
  loadProfile(): Promise<void>;
  show(panel: PanelId): void;
  startOwn(): void;
  /** Applies a state a call returned (wizard.choose) without asking again. */
  accept(state: WizardState): void;
  setProfile(profile: ProfileInfo): void;
  setSwitching(switching: boolean): void;
}

export const useWizardStore = create<WizardStore>()((set, get) => ({
  state: undefined,
  profile: undefined,
  loadError: undefined,
  panel: undefined,
  startedOwn: false,
  switching: false,
  async refresh() {
    try {
      const state = await assistant().wizard.state({});
      set({ state, loadError: undefined, panel: get().panel ?? panelOf(state.currentStep) });
      return state;
    } catch (error) {
      set({ loadError: describeFailure(error) });
      return undefined;
    }
  },
  async loadProfile() {
    try {
      set({ profile: await assistant().profile.current({}) });
    } catch (error) {
      set({ loadError: describeFailure(error) });
    }
  },
  show: (panel) => set({ panel }),
  startOwn: () => set({ startedOwn: true }),
  accept: (state) => set({ state }),
  setProfile: (profile) => set({ profile, state: undefined, panel: undefined }),
  setSwitching: (switching) => set({ switching }),
}));
