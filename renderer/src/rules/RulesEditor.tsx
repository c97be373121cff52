/**
 * The rules per course editor: rules in the order they are tried (move up/down, remove, add), each with its
 * conditions and what it sets; the default rule; the answer to adding missing tracking options. Pickers are filled
 * from the organisation's live chart, tax rates and tracking categories; without them (not connected) codes can be
 * typed and are checked when the sync is previewed. Native controls only, so it all works from the keyboard.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { RulesChart, RulesState } from '../../../contract/features/rules';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { CONDITIONS, documentOf, draftOf, emptyRule, placeOf, type RuleDraft, type RulesDraft, type ValuesDraft } from './rules-draft';
import { plural, taxRateLabel } from '../../../contract/locale';
import './rules.css';

type Issues = Array<{ path: string; message: string }>;

/**
 * A stored tax rate the organisation's Xero does not list: by its name when it is one, and a code (TAX009) only as "the
 * tax rate Xero calls TAX009", since no name is known for it.
 */
function unknownRate(value: string): string {
  const code = /^[A-Z0-9]+$/.test(value) && /\d|^(OUTPUT|INPUT|NONE|EXEMPT)/.test(value);
  return `${code ? taxRateLabel(value).replace(/^t/, 'T') : value} (missing in Xero)`;
}

function ValuesEditor({ values, chart, onChange, label }: { values: ValuesDraft; chart: RulesChart | undefined; onChange: (v: ValuesDraft) => void; label: string }) {
  const id = useId();
  const account = chart?.accounts.find((a) => a.code === values.accountCode);
  const rate = chart?.taxRates.find((r) => r.taxType === values.taxType || r.name === values.taxType);
  const setTracking = (i: 0 | 1, patch: Partial<ValuesDraft['tracking'][0]>) => {
    const tracking: ValuesDraft['tracking'] = [{ ...values.tracking[0] }, { ...values.tracking[1] }];
    tracking[i] = { ...tracking[i], ...patch };
    onChange({ ...values, tracking });
  };
  return (
    <div className="rules-values" role="group" aria-label={label}>
      <label className="rules-field">
        <span>Account</span>
        {chart ? (
          <select className="field" value={values.accountCode} onChange={(e) => onChange({ ...values, accountCode: e.target.value })}>
            <option value="">Setup&apos;s account</option>
            {values.accountCode && !account ? <option value={values.accountCode}>{values.accountCode} (not in Xero)</option> : null}
            {chart.accounts.map((a) => (
              <option key={a.code} value={a.code} disabled={!a.usable && a.code !== values.accountCode}>
                {a.code} {a.name}
                {a.usable ? '' : ' (not a sales account)'}
              </option>
            ))}
          </select>
        ) : (
          <input className="field" value={values.accountCode} placeholder="e.g. 210" maxLength={10} onChange={(e) => onChange({ ...values, accountCode: e.target.value })} />
        )}
      </label>
      <label className="rules-field">
        <span>Tax rate</span>
        {chart ? (
          <select className="field" value={rate ? (rate.name === values.taxType ? rate.name : rate.taxType) : values.taxType} onChange={(e) => onChange({ ...values, taxType: e.target.value })}>
            <option value="">From CourseCo&apos;s VAT rate</option>
            {values.taxType && !rate ? <option value={values.taxType}>{unknownRate(values.taxType)}</option> : null}
            {rate && rate.name === values.taxType ? <option value={rate.name}>{rate.name} ({rate.rate}%)</option> : null}
            {chart.taxRates
              .filter((r) => r.usable)
              .map((r) => (
                <option key={r.taxType} value={r.taxType}>
                  {r.name} ({r.rate}%)
                </option>
              ))}
          </select>
        ) : (
          <input className="field" value={values.taxType} placeholder="e.g. Exempt, as Xero names it" onChange={(e) => onChange({ ...values, taxType: e.target.value })} />
        )}
      </label>
      {([0, 1] as const).map((i) => {
        const entry = values.tracking[i];
        const category = chart?.trackingCategories.find((c) => c.name.toLowerCase() === entry.category.toLowerCase());
        const listId = `${id}-options-${i}`;
        return (
          <div key={i} className="rules-tracking" role="group" aria-label={`Tracking ${i + 1}`}>
            <label className="rules-field">
              <span>Tracking category {i + 1}</span>
              {chart ? (
                <select className="field" value={category?.name ?? entry.category} onChange={(e) => setTracking(i, { category: e.target.value })}>
                  <option value="">None</option>
                  {entry.category && !category ? <option value={entry.category}>{entry.category} (not in Xero)</option> : null}
                  {chart.trackingCategories.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
              ) : (
                <input className="field" value={entry.category} placeholder="e.g. Venue" maxLength={100} onChange={(e) => setTracking(i, { category: e.target.value })} />
              )}
            </label>
            <label className="rules-field">
              <span>Option</span>
              <input className="field" value={entry.option} list={listId} maxLength={100} disabled={!entry.category} onChange={(e) => setTracking(i, { option: e.target.value })} />
              <datalist id={listId}>{(category?.options ?? []).map((o) => <option key={o} value={o} />)}</datalist>
            </label>
          </div>
        );
      })}
    </div>
  );
}

function RuleCard({ rule, index, count, chart, update, move, remove }: {
  rule: RuleDraft;
  index: number;
  count: number;
  chart: RulesChart | undefined;
  update: (r: RuleDraft) => void;
  move: (by: -1 | 1) => void;
  remove: () => void;
}) {
  const title = `Rule ${index + 1}${rule.name ? `: ${rule.name}` : ''}`;
  return (
    <li className="card rules-card">
      <fieldset>
        <legend>{title}</legend>
        <label className="rules-field rules-name">
          <span>Name (shown in the preview)</span>
          <input className="field" value={rule.name} maxLength={80} onChange={(e) => update({ ...rule, name: e.target.value })} />
        </label>
        <div className="rules-when" role="group" aria-label={`When (${title})`}>
          <p className="rules-note">When every condition filled in holds (letter case does not matter):</p>
          {CONDITIONS.map((c) => (
            <label key={c.key} className="rules-field">
              <span>{c.label}</span>
              <input className="field" value={rule.when[c.key]} onChange={(e) => update({ ...rule, when: { ...rule.when, [c.key]: e.target.value } })} />
            </label>
          ))}
        </div>
        <p className="rules-note">Then the line gets:</p>
        <ValuesEditor values={rule.then} chart={chart} label={`Then (${title})`} onChange={(then) => update({ ...rule, then })} />
        <div className="rules-card-actions">
          <button type="button" className="button button-small" onClick={() => move(-1)} disabled={index === 0} aria-label={`Move ${title} up`}>
            Move up
          </button>
          <button type="button" className="button button-small" onClick={() => move(1)} disabled={index === count - 1} aria-label={`Move ${title} down`}>
            Move down
          </button>
          <button type="button" className="button button-small" onClick={remove} aria-label={`Remove ${title}`}>
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}

export function RulesEditor() {
  const [state, setState] = useState<RulesState | undefined>(undefined);
  const [draft, setDraft] = useState<RulesDraft | undefined>(undefined);
  const [chart, setChart] = useState<RulesChart | undefined>(undefined);
  const [chartProblem, setChartProblem] = useState<Failure | undefined>(undefined);
  const [failure, setFailure] = useState<{ failure: Failure; issues: Issues } | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  // A refusal may sit below the fold: bring it into view and to the keyboard's attention.
  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  useEffect(() => {
    let live = true;
    assistant()
      .rules.get({})
      .then((s) => live && (setState(s), setDraft(draftOf(s.rules))))
      .catch((e: unknown) => live && setFailure({ failure: describeFailure(e), issues: [] }));
    assistant()
      .rules.chart({})
      .then((c) => live && setChart(c))
      .catch((e: unknown) => live && setChartProblem(describeFailure(e)));
    return () => {
      live = false;
    };
  }, []);

  if (!draft || !state) {
    return failure ? (
      <div className="alert-box" role="alert">
        <p className="alert-box-title">The rules could not be read: {failure.failure.message}</p>
        {failure.failure.fix ? <p>{failure.failure.fix}</p> : null}
      </div>
    ) : (
      <p className="lead" role="status">
        Reading the rules…
      </p>
    );
  }

  const edit = (next: RulesDraft) => {
    setDraft(next);
    setStatus('');
  };
  const updateRule = (i: number, rule: RuleDraft) => edit({ ...draft, rules: draft.rules.map((r, j) => (j === i ? rule : r)) });
  const moveRule = (i: number, by: -1 | 1) => {
    const rules = [...draft.rules];
    [rules[i], rules[i + by]] = [rules[i + by]!, rules[i]!];
    edit({ ...draft, rules });
  };

  const save = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const saved = await assistant().rules.save({ rules: documentOf(draft) });
      setState(saved);
      setDraft(draftOf(saved.rules));
      setStatus(`Saved ${plural(saved.rules.rules.length, 'rule')}. Accounts, tax rates and tracking options are checked against Xero when you preview or sync.`);
    } catch (e) {
      const issues = (e as { issues?: Issues }).issues ?? [];
      const described = describeFailure(e);
      // The services refuse a bad document at the door; say so in the page's words, the issues say where.
      const failure = issues.length ? { ...described, message: 'The rules were not saved, and nothing changed: correct these and save again.', fix: undefined } : described;
      setFailure({ failure, issues });
    } finally {
      setBusy(false);
    }
  };

  const agree = async (yes: boolean) => {
    setBusy(true);
    try {
      const answer = await assistant().rules.setAddTrackingOptions({ agree: yes });
      setState(answer.state);
      setStatus(answer.why);
    } catch (e) {
      setFailure({ failure: describeFailure(e), issues: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rules-editor">
      {state.problems.length ? (
        <div className="alert-box" role="alert">
          <p className="alert-box-title">The stored rules cannot be read, so every line is held back: {state.problems.join('; ')}</p>
          <p>Enter the rules again below (or load the example) and save.</p>
        </div>
      ) : null}
      {chartProblem ? (
        <div className="alert-box alert-box-attention">
          <p className="alert-box-title">The pickers could not be filled from Xero: {chartProblem.message}</p>
          <p>Type account codes, tax rates and tracking options instead; they are checked against Xero when you preview or sync.{chartProblem.fix ? ` ${chartProblem.fix}` : ''}</p>
        </div>
      ) : null}

      <section aria-labelledby="rules-list-title">
        <h2 id="rules-list-title" className="rules-heading">
          Rules, in the order they are tried
        </h2>
        <p className="rules-note">The first rule whose conditions all hold decides a line; a line no rule matches follows the default rule.</p>
        {draft.rules.length === 0 ? <p className="rules-note">No rules yet: every line uses the account and tax rate chosen in Setup.</p> : null}
        <ol className="rules-list">
          {draft.rules.map((rule, i) => (
            <RuleCard key={rule.id} rule={rule} index={i} count={draft.rules.length} chart={chart} update={(r) => updateRule(i, r)} move={(by) => moveRule(i, by)} remove={() => edit({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })} />
          ))}
        </ol>
        <button type="button" className="button" onClick={() => edit({ ...draft, rules: [...draft.rules, emptyRule()] })}>
          Add a rule
        </button>
      </section>

      <section aria-labelledby="rules-default-title" className="card rules-card">
        <h2 id="rules-default-title" className="rules-heading">
          Default rule
        </h2>
        <p className="rules-note">For lines no rule matches. Leave it empty to use Setup&apos;s account and CourseCo&apos;s VAT rate.</p>
        <ValuesEditor values={draft.default} chart={chart} label="Default rule" onChange={(v) => edit({ ...draft, default: v })} />
      </section>

      <section aria-labelledby="rules-tracking-title" className="card rules-card">
        <h2 id="rules-tracking-title" className="rules-heading">
          Tracking options missing in Xero
        </h2>
        <label className="rules-check">
          <input type="checkbox" checked={state.addTrackingOptions} disabled={busy} onChange={(e) => void agree(e.target.checked)} />
          <span>Add tracking options my rules name that Xero does not have yet (Xero then asks you to reconnect, to allow the assistant to change settings)</span>
        </label>
      </section>

      {failure ? (
        <div className="alert-box" role="alert" tabIndex={-1} ref={alertRef}>
          <p className="alert-box-title">{failure.failure.message}</p>
          {failure.issues.length ? (
            <ul>
              {failure.issues.map((issue, i) => (
                <li key={i}>
                  {placeOf(issue.path)}: {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
          {failure.failure.fix ? <p>{failure.failure.fix}</p> : null}
        </div>
      ) : null}
      <p className="rules-status" role="status">
        {status}
      </p>
      <div className="rules-toolbar">
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy}>
          {busy ? 'Saving…' : 'Save rules'}
        </button>
        <button type="button" className="button" onClick={() => edit(draftOf(state.example))} disabled={busy}>
          Load the example
        </button>
        <button type="button" className="button" onClick={() => edit(draftOf(state.rules))} disabled={busy}>
          Undo changes
        </button>
      </div>
    </div>
  );
}
