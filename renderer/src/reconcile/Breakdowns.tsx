/**
 * The same comparison split three ways, one tab each (ARIA tabs: arrows move between them): by VAT rate (before VAT,
 * VAT and total), by account (before VAT) and by payment method (paid). Each group opens the lines that make it.
 */
import { useRef, type KeyboardEvent } from 'react';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type ReconcileReport } from '../../../contract/features/reconcile';
import { ComparisonGroup } from './FiguresTable';
import { DIMENSION_LABELS, MEASURE_LABELS, type Measure } from './reconcile-format';
import { useReconcileStore } from './reconcile-store';
import { ReconcilePanel } from './ReconcilePanel';

/** The figures that mean something for each split: VAT rates split VAT, accounts hold amounts before VAT, methods are payments. */
const MEASURES_OF: Record<BreakdownDimension, readonly Measure[]> = {
  'vat-rate': ['net', 'tax', 'gross'],
  account: ['net'],
  'payment-method': ['paid'],
};

const EMPTY: Record<BreakdownDimension, string> = {
  'vat-rate': 'No lines in this period.',
  account: 'No lines in this period.',
  'payment-method': 'No payments in this period.',
};

export function Breakdowns({ report }: { report: ReconcileReport }) {
  const tab = useReconcileStore((s) => s.tab);
  const { setTab, drillDown } = useReconcileStore.getState();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const n = BREAKDOWN_DIMENSIONS.length;
    const next = { ArrowRight: (index + 1) % n, ArrowLeft: (index - 1 + n) % n, Home: 0, End: n - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setTab(BREAKDOWN_DIMENSIONS[next]!);
    tabs.current[next]?.focus();
  };

  const rows = report.breakdowns.filter((row) => row.dimension === tab);
  const measures = MEASURES_OF[tab];
  return (
    <ReconcilePanel titleId="reconcile-breakdown-title" title="Split by">
      <div role="tablist" aria-labelledby="reconcile-breakdown-title" className="reconcile-tabs">
        {BREAKDOWN_DIMENSIONS.map((dimension, index) => (
          <button
            key={dimension}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`reconcile-tab-${dimension}`}
            aria-selected={tab === dimension}
            aria-controls="reconcile-tabpanel"
            tabIndex={tab === dimension ? 0 : -1}
            className="reconcile-tab"
            onClick={() => setTab(dimension)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {DIMENSION_LABELS[dimension]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="reconcile-tabpanel" aria-labelledby={`reconcile-tab-${tab}`} className="reconcile-scroll" tabIndex={0}>
        {rows.length === 0 ? (
          <p className="reconcile-text">{EMPTY[tab]}</p>
        ) : (
          <table className="reconcile-table reconcile-figures">
            <thead>
              <tr>
                <th scope="col">{DIMENSION_LABELS[tab]}</th>
                <th scope="col">
                  <span className="visually-hidden">Side</span>
                </th>
                {measures.map((measure) => (
                  <th key={measure} scope="col" className="reconcile-num">
                    {MEASURE_LABELS[measure]}
                  </th>
                ))}
              </tr>
            </thead>
            {rows.map((row) => (
              <ComparisonGroup
                key={row.key}
                title={row.label}
                comparison={row}
                currency={report.currency}
                measures={measures}
                onShow={() => void drillDown({ kind: 'breakdown', dimension: row.dimension, key: row.key, label: row.label })}
              />
            ))}
          </table>
        )}
      </div>
    </ReconcilePanel>
  );
}
