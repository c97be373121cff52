/** The wizard's store: ticks and the open panel come from `wizard.state`, never from the renderer itself. */
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, installFakeHost } from './fake-host';
import { stepPosition, useWizardStore } from '../../../renderer/src/wizard/wizard-store';
import type { WizardState } from '../../../renderer/src/wizard/types';

const host = installFakeHost();
const store = () => useWizardStore.getState();

const stateAt = (currentStep: WizardState['currentStep']) =>
  ({ profile: 'own', steps: [], currentStep, facts: { credentialsStored: false, connected: false } }) as unknown as WizardState;

beforeEach(() => {
  host.clear();
  useWizardStore.setState(useWizardStore.getInitialState(), true);
});

describe('the wizard store', () => {
  it('numbers the panels from the one list of steps the services give (the header counts the checklist)', () => {
    const ids = ['app', 'credentials', 'connect', 'choose', 'test', 'courseco', 'check'] as const;
    const state = { ...stateAt('app'), steps: ids.map((id) => ({ id, title: `Title of ${id}`, done: false, evidence: '' })) } as WizardState;
    expect(stepPosition(state, 'choose')).toEqual({ number: 4, of: 7, title: 'Title of choose' });
    expect(stepPosition(state, 'courseco')).toEqual({ number: 6, of: 7, title: 'Title of courseco' });
    expect(stepPosition(state, 'check')).toEqual({ number: 7, of: 7, title: 'Title of check' });
  });

  it('opens the first step not done when the first state arrives', async () => {
    host.answer('wizard.state', () => stateAt('choose'));
    const state = await store().refresh();
    expect(state?.currentStep).toBe('choose');
    expect(store().panel).toBe('choose');
    expect(store().loadError).toBeUndefined();
  });

  it('keeps the panel the person opened when the state is asked again', async () => {
    host.answer('wizard.state', () => stateAt('app'));
    await store().refresh();
    store().show('check');
    host.answer('wizard.state', () => stateAt('credentials'));
    await store().refresh();
    expect(store().panel).toBe('check');
    expect(store().state?.currentStep).toBe('credentials');
  });

  it('keeps a failure to load with its fix, and answers undefined', async () => {
    host.answer('wizard.state', () => {
      throw failure('The keychain is locked.', 'Unlock it and try again.', 'KeychainLocked');
    });
    expect(await store().refresh()).toBeUndefined();
    expect(store().loadError).toEqual({ kind: 'KeychainLocked', message: 'The keychain is locked.', fix: 'Unlock it and try again.', evidence: undefined });
  });

  it('loads the profile, and a new profile forgets the old checklist and panel', async () => {
    host.answer('profile.current', () => ({ profile: 'own', canSwitch: true }));
    await store().loadProfile();
    expect(store().profile).toEqual({ profile: 'own', canSwitch: true });
    store().accept(stateAt('test'));
    store().show('test');
    store().setProfile({ profile: 'sample', canSwitch: true });
    expect(store()).toMatchObject({ profile: { profile: 'sample' }, state: undefined, panel: undefined });
  });

  it('applies a state a call returned without asking again', () => {
    store().accept(stateAt('check'));
    expect(store().state?.currentStep).toBe('check');
    expect(host.calls).toEqual([]);
  });

  it('remembers the first screen’s choice (opening step 1, with a domain that could not be saved) and a profile switch in progress', () => {
    store().startOwn('https://yourdomain.courseco.co');
    store().setSwitching(true);
    expect(store()).toMatchObject({ startedOwn: true, switching: true, panel: 'app', draftDomain: 'https://yourdomain.courseco.co' });
  });

  it('keeps "store and connect" as a one-off request for the connect step', () => {
    expect(store().connectRequested).toBe(false);
    store().requestConnect(true);
    expect(store().connectRequested).toBe(true);
    store().requestConnect(false);
    expect(store().connectRequested).toBe(false);
  });
});
