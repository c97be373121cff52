/**
 * The persistent checklist: one line per verified fact, ticked only from `wizard.state`. Each line opens its panel;
 * the evidence under it says what proves the tick (or what is missing).
 */
import type { WizardState } from './types';
import type { PanelId } from './wizard-store';

export function Checklist({ state, panel, onShow }: { state: WizardState; panel: PanelId; onShow: (panel: PanelId) => void }) {
  const done = state.steps.filter((s) => s.done).length;
  return (
    <nav className="card wz-checklist" aria-labelledby="wz-checklist-title">
      <h2 id="wz-checklist-title" className="wz-checklist-title">
        Checklist
      </h2>
      <p className="wz-checklist-count">
        {done} of {state.steps.length} verified
      </p>
      <ol className="wz-checklist-list">
        {state.steps.map((step) => {
          const target = step.id;
          const current = target === panel;
          return (
            <li key={step.id}>
              <button
                type="button"
                className="wz-checklist-item"
                data-done={step.done ? 'true' : 'false'}
                aria-current={current ? 'step' : undefined}
                onClick={() => onShow(target)}
                title={step.evidence}
              >
                <span className="wz-tick" aria-hidden="true">
                  {step.done ? '✓' : ''}
                </span>
                <span className="wz-checklist-text">
                  <span className="wz-checklist-label">{step.title}</span>
                  <span className="visually-hidden">{step.done ? ' — verified' : ' — not yet verified'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
