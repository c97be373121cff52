/**
 * Getting CourseCo exports in: the hidden file picker, the import button with its VAT choice, the empty state's
 * first steps, and the panel reporting what an import did (or asking for the column mapping).
 */
import { useId, type Ref } from 'react';
import { useAppStore } from '../state/app-store';
import { AmountsQuestionForm } from './AmountsQuestion';
import { useConsoleStore } from './console-store';
import { ImportSummary, MappingForm, VatCheckbox } from './ImportReport';

/** The picker's buttons are the console's own; this input only opens the system's file dialog. */
export function ImportFileInput({ ref }: { ref: Ref<HTMLInputElement> }) {
  return (
    <input
      ref={ref}
      type="file"
      accept=".csv,text/csv"
      className="visually-hidden"
      tabIndex={-1}
      aria-label="CourseCo export file"
      onChange={(event) => {
        const file = event.currentTarget.files?.[0];
        event.currentTarget.value = '';
        if (file) void useConsoleStore.getState().importFile(file);
      }}
    />
  );
}

export function ImportControls({ chooseFile }: { chooseFile(): void }) {
  const working = useConsoleStore((s) => s.importState.phase === 'working');
  const amountsIncludeTax = useConsoleStore((s) => s.amountsIncludeTax);
  return (
    <div className="console-import-controls">
      <button type="button" className="button" onClick={chooseFile} disabled={working}>
        Import CourseCo export…
      </button>
      <VatCheckbox checked={amountsIncludeTax} onChange={useConsoleStore.getState().setAmountsIncludeTax} scope="For the next import" />
    </div>
  );
}

export function EmptyConsole({ chooseFile }: { chooseFile(): void }) {
  const id = useId();
  const working = useConsoleStore((s) => s.importState.phase === 'working');
  return (
    <section className="card console-panel console-empty" aria-labelledby={id}>
      <h2 id={id} className="console-panel-title">
        No transactions yet
      </h2>
      <p className="console-text">
        Import the <strong>Xero Transactions</strong> report you export from CourseCo (as CSV), then its payments report. Or try the console with sample data from a fictional Irish training centre.
      </p>
      <div className="console-actions">
        <button type="button" className="button button-primary" onClick={chooseFile} disabled={working}>
          Import a CourseCo export…
        </button>
        <button type="button" className="button" onClick={() => void useConsoleStore.getState().loadSample()} disabled={working}>
          Try with sample data
        </button>
      </div>
    </section>
  );
}

export function ImportPanel() {
  const id = useId();
  const importState = useConsoleStore((s) => s.importState);
  const returnTo = useAppStore((s) => s.returnTo);
  const { dismissImport, importMapped, importWithAmounts } = useConsoleStore.getState();
  if (importState.phase === 'idle') return null;

  return (
    <section className="card console-panel console-import" aria-labelledby={id} aria-live="polite">
      <div className="console-panel-head">
        <h2 id={id} className="console-panel-title">
          Import
        </h2>
        {importState.phase === 'done' || importState.phase === 'error' ? (
          <button type="button" className="button" onClick={dismissImport}>
            Dismiss
          </button>
        ) : null}
      </div>
      {importState.phase === 'working' ? <p className="console-note">{importState.label}</p> : null}
      {importState.phase === 'error' ? (
        <p className="console-text" data-tone="problem">
          {importState.message} {importState.fix}
        </p>
      ) : null}
      {importState.phase === 'done' ? importState.results.map((result) => <ImportSummary key={result.fileName} result={result} />) : null}
      {importState.phase === 'done' && returnTo && importState.results.some((r) => r.imported + r.updated > 0) ? (
        <button type="button" className="button button-primary console-return" onClick={() => useAppStore.getState().navigate(returnTo.page)}>
          {returnTo.label}
        </button>
      ) : null}
      {importState.phase === 'amounts' ? <AmountsQuestionForm result={importState.result} onSubmit={(reading) => void importWithAmounts(reading)} onCancel={dismissImport} /> : null}
      {importState.phase === 'mapping' ? <MappingForm result={importState.result} busy={false} onSubmit={(choice) => void importMapped(choice)} onCancel={dismissImport} /> : null}
    </section>
  );
}
