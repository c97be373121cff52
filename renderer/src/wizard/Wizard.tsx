/**
 * The wizard: the checklist sidebar and the open panel, one panel per checklist step (the services give the list,
 * its order and titles; the header's "Step 3 of 7" counts the same list). Moving on after an action is the only thing
 * the renderer decides; every tick comes from `wizard.state`. Focus follows the open panel's heading, so the wizard
 * can be completed with the keyboard alone.
 */
import { useEffect, useRef } from 'react';
import type { WizardState } from './types';
import { Checklist } from './Checklist';
import { AppStep } from './steps/AppStep';
import { CheckStep } from './steps/CheckStep';
import { ChooseStep } from './steps/ChooseStep';
import { ConnectStep } from './steps/ConnectStep';
import { CourseCoStep } from './steps/CourseCoStep';
import { CredentialsStep } from './steps/CredentialsStep';
import { TestStep } from './steps/TestStep';
import { stepPosition, useWizardStore, type PanelId } from './wizard-store';

export function Wizard({ state, panel }: { state: WizardState; panel: PanelId }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const position = stepPosition(state, panel);
  const step = state.steps.find((s) => s.id === panel);

  useEffect(() => {
    // Not on the first render: the page heading keeps focus when the page opens.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [panel]);

  const store = useWizardStore.getState;
  const refresh = async () => {
    await store().refresh();
  };
  const advanceTo = async (next: PanelId) => {
    await store().refresh();
    store().show(next);
  };
  /** After a sign-in or an organisation choice: on to the accounts once an organisation is connected. */
  const afterConnect = async () => {
    const next = await store().refresh();
    if (next?.facts.connected) store().show('choose');
  };
  /** `known`: the state wizard.choose returned, so Xero is not asked again. */
  const afterChoose = async (known: WizardState) => {
    store().accept(known);
    // A warning from the chart policy stays on screen until the person moves on.
    if (known.steps.find((s) => s.id === 'choose')?.done && !known.warnings?.length) store().show('test');
  };

  const index = state.steps.findIndex((s) => s.id === panel);
  const following = state.steps[index + 1];
  // The way on is the main button once this step is done (e.g. after the domain is saved and its redirect URI shown).
  const nextIsMain = Boolean(step?.done) && panel !== 'courseco';

  return (
    <div className="wz-layout">
      <Checklist state={state} panel={panel} onShow={(p) => store().show(p)} />
      <section className="card wz-panel" aria-labelledby="wz-panel-title">
        <p className="wz-step-number">
          Step {position.number} of {position.of}
        </p>
        <h2 id="wz-panel-title" className="wz-panel-title" tabIndex={-1} ref={heading}>
          {position.title}
        </h2>
        {step ? (
          <p className="wz-evidence" data-done={step.done ? 'true' : 'false'}>
            <span aria-hidden="true">{step.done ? '✓ ' : '○ '}</span>
            <span className="visually-hidden">{step.done ? 'Verified: ' : 'Not yet verified: '}</span>
            {step.evidence}
          </p>
        ) : null}
        {panel === 'app' ? <AppStep state={state} /> : null}
        {panel === 'credentials' ? (
          <CredentialsStep
            state={state}
            onDone={(connectNow) => {
              if (connectNow) store().requestConnect(true);
              void advanceTo('connect');
            }}
            onRecheck={() => void refresh()}
          />
        ) : null}
        {panel === 'connect' ? <ConnectStep state={state} onConnected={afterConnect} /> : null}
        {panel === 'choose' ? <ChooseStep state={state} onSaved={afterChoose} /> : null}
        {panel === 'test' ? <TestStep state={state} onChanged={refresh} /> : null}
        {panel === 'courseco' ? <CourseCoStep state={state} onConfirmed={(known) => (store().accept(known), store().show('check'))} /> : null}
        {panel === 'check' ? <CheckStep /> : null}
        {following && panel !== 'courseco' ? (
          <div className="wz-footer">
            <button type="button" className={`button wz-button ${nextIsMain ? 'button-primary' : 'wz-quiet'}`} onClick={() => store().show(following.id)}>
              Next: {following.title}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
