/**
 * Scheduled syncs as the Settings section and the status bar show them: the view the services send (`schedule.get`,
 * then `schedule.changed`), the progress of a scheduled sync while it runs (the sync's own `sync.progress`), and a
 * change in flight. Talks to the services only through `assistant()`.
 */
import { create } from 'zustand';
import type { EventPayload } from '../../../contract/contract';
import type { ScheduleView } from '../../../contract/features/schedule';
import { assistant } from '../host/assistant';
import { messageAndFix } from '../host/failure';

type ScheduleChoices = Partial<Pick<ScheduleView, 'enabled' | 'time' | 'days' | 'keepInTray' | 'startAtLogin'>>;

export interface ScheduleState {
  view: ScheduleView | undefined;
  /** The last progress of the scheduled sync running now. */
  progress: EventPayload<'sync.progress'> | undefined;
  saving: boolean;
  failure: { message: string; fix: string | undefined } | undefined;
  load(): Promise<void>;
  change(choices: ScheduleChoices): Promise<void>;
  known(view: ScheduleView): void;
}

export const useScheduleStore = create<ScheduleState>()((set) => ({
  view: undefined,
  progress: undefined,
  saving: false,
  failure: undefined,
  async load() {
    try {
      set({ view: await assistant().schedule.get({}) });
    } catch (error) {
      set({ failure: messageAndFix(error) });
    }
  },
  async change(choices) {
    set({ saving: true, failure: undefined });
    try {
      set({ view: await assistant().schedule.set(choices), saving: false });
    } catch (error) {
      set({ saving: false, failure: messageAndFix(error) });
    }
  },
  known: (view) => set((state) => ({ view, progress: view.runningSince ? state.progress : undefined })),
}));

/** Follows the services for as long as something shows the schedule; returns the unsubscribe function. */
export function followSchedule(): () => void {
  const store = useScheduleStore.getState();
  const events = assistant().events;
  const offChanged = events.scheduleChanged((view) => useScheduleStore.getState().known(view));
  const offProgress = events.syncProgress((progress) => {
    if (useScheduleStore.getState().view?.runningSince) useScheduleStore.setState({ progress });
  });
  // Another profile has its own schedule.
  const offProfile = events.profileChanged(() => void useScheduleStore.getState().load());
  void store.load();
  return () => {
    offChanged();
    offProgress();
    offProfile();
  };
}
