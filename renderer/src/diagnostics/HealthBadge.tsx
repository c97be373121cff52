/**
 * The status bar's connection-health badge, fed by `diagnostics.health` (after every run, and after the local checks
 * run again on an import, a sync or a settings change) and the last run's health. A button: it opens the Diagnostics
 * page. Icon and word, never colour alone; a profile not set up yet says so rather than "Checks not run".
 */
import { useEffect } from 'react';
import type { DiagnosticsHealth } from './types';
import { useAppStore } from '../state/app-store';
import { ageBase, ageInWords } from './age';
import { followDiagnosticsHealth, useDiagnosticsStore } from './diagnostics-store';
import { StatusIcon } from './StatusIcon';
import './diagnostics.css';

const WORDS: Record<DiagnosticsHealth['status'], string> = { good: 'Checks passed', warn: 'Checks: warnings', bad: 'Checks: problems', unknown: 'Checks not run' };
const ICON = { good: 'pass', warn: 'warn', bad: 'fail', unknown: 'not-run' } as const;

export function HealthBadge() {
  const health = useDiagnosticsStore((state) => state.health);
  const navigate = useAppStore((state) => state.navigate);
  useEffect(() => followDiagnosticsHealth(), []);
  const status = health?.status ?? 'unknown';
  const word = status === 'unknown' && health?.notSetUp ? 'Not set up yet' : WORDS[status];
  const title = health ? `${health.summary}${health.ranAt ? ` (checked ${ageInWords(health.ranAt, ageBase(Date.now(), health.ranAt))})` : ''}` : 'Open Diagnostics';
  return (
    <button type="button" className="button diag-health" data-health={status} onClick={() => navigate('diagnostics')} title={title}>
      <StatusIcon status={ICON[status]} />
      <span>{word}</span>
    </button>
  );
}
