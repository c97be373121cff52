/**
 * The wizard's state in the renderer: the checklist as the services derive it (`wizard.state`), the active profile,
 * and which panel is open. Ticks only ever come from the services; the renderer never marks anything done itself.
 */
import { create } from 'zustand';
import type { ProfileInfo, WizardState, WizardStepId } from './types';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';

/** One panel per checklist step: the steps, their order, titles and count come from `wizard.state` alone. */
export type PanelId = WizardStepId;

/** "Step 3 of 7": the step's place in the one list the services give. */
export function stepPosition(state: WizardState, panel: PanelId): { number: number; of: number; title: string } {
  const index = Math.max(0, state.steps.findIndex((s) => s.id === panel));
  return { number: index + 1, of: state.steps.length, title: state.steps[index]?.title ?? '' };
}

export interface WizardStore {
  state: WizardState | undefined;
  profile: ProfileInfo | undefined;
  loadError: Failure | undefined;
  /** The open panel; undefined until the first state arrives (then the first step not done). */
  panel: PanelId | undefined;
  /** The person chose "Set up with my Xero" on the first screen (this session). */
  startedOwn: boolean;
  /** What the first screen's domain field held when it could not be saved as typed (step 1 shows why). */
  draftDomain: string | undefined;
  switching: boolean;
  /** Tax rate names by Xero's code, as the choose step last read them (the test step shows rates by name). */
  taxRateNames: Record<string, string>;
  /** "Store and connect" asked for a sign-in: the connect panel starts it when it opens. */
  connectRequested: boolean;
  refresh(): Promise<WizardState | undefined>;
  loadProfile(): Promise<void>;
  show(panel: PanelId): void;
  startOwn(draftDomain?: string): void;
  requestConnect(requested: boolean): void;
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
  draftDomain: undefined,
  switching: false,
  connectRequested: false,
  taxRateNames: {},
  async refresh() {
    try {
      const state = await assistant().wizard.state({});
      set({ state, loadError: undefined, panel: get().panel ?? state.currentStep });
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
  startOwn: (draftDomain) => set({ startedOwn: true, draftDomain, panel: 'app' }),
  requestConnect: (connectRequested) => set({ connectRequested }),
  accept: (state) => set({ state }),
  setProfile: (profile) => set({ profile, state: undefined, panel: undefined }),
  setSwitching: (switching) => set({ switching }),
}));
