/**
 * The wizard: the checklist sidebar and the open panel. Moving on after an action is the only thing the renderer
 * decides; every tick comes from `wizard.state`. Focus follows the open panel's heading, so the wizard can be
 * completed with the keyboard alone.
 */
import { useEffect, useRef } from 'react';
import type { WizardState } from './types';
import { Checklist } from './Checklist';
import { AppStep } from './steps/AppStep';
import { CheckStep } from './steps/CheckStep';
import { ConnectStep } from './steps/ConnectStep';
import { CourseCoStep } from './steps/CourseCoStep';
import { CredentialsStep } from './steps/CredentialsStep';
import { TestStep } from './steps/TestStep';
import { PANELS, panelOf, useWizardStore, type PanelId } from './wizard-store';

export function Wizard({ state, panel }: { state: WizardState; panel: PanelId }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const meta = PANELS.find((p) => p.id === panel) ?? PANELS[0]!;

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
  /** `known`: the state a call already returned (wizard.choose), so Xero is not asked again. */
  const afterConnectChange = async (known?: WizardState) => {
    if (known) store().accept(known);
    const next = known ?? (await store().refresh());
    // A warning from the chart policy stays on screen until the person moves on.
    if (next?.currentStep === 'test' && !known?.warnings?.length) store().show('test');
  };

  const index = PANELS.findIndex((p) => p.id === panel);
  const following = PANELS[index + 1];

  return (
    <div className="wz-layout">
      <Checklist state={state} panel={panel} onShow={(p) => store().show(p)} />
      <section className="card wz-panel" aria-labelledby="wz-panel-title">
        <p className="wz-step-number">
          Step {meta.number} of {PANELS.length}
        </p>
        <h2 id="wz-panel-title" className="wz-panel-title" tabIndex={-1} ref={heading}>
          {meta.title}
        </h2>
        <ul className="wz-evidence" aria-label="What the assistant has verified for this step">
          {state.steps
            .filter((s) => panelOf(s.id) === panel)
            .map((s) => (
              <li key={s.id} data-done={s.done ? 'true' : 'false'}>
                <span aria-hidden="true">{s.done ? '✓ ' : '○ '}</span>
                {s.evidence}
              </li>
            ))}
        </ul>
        {panel === 'app' ? <AppStep state={state} onDone={() => void advanceTo('credentials')} /> : null}
        {panel === 'credentials' ? <CredentialsStep state={state} onDone={() => void advanceTo('courseco')} onRecheck={() => void refresh()} /> : null}
        {panel === 'courseco' ? <CourseCoStep state={state} onNext={() => store().show('connect')} /> : null}
        {panel === 'connect' ? <ConnectStep state={state} onChanged={afterConnectChange} /> : null}
        {panel === 'test' ? <TestStep state={state} onChanged={refresh} /> : null}
        {panel === 'check' ? <CheckStep /> : null}
        {following && panel !== 'courseco' ? (
          <div className="wz-footer">
            <button type="button" className="button wz-button wz-quiet" onClick={() => store().show(following.id)}>
              Next: {following.title}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
