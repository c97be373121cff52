/**
 * A date typed the way people here write it: shows dd/mm/yyyy and takes 26/10/2026, 26/10/26, 26.10.2026, 26 Oct 2026
 * or 2026-10-26, whatever the browser's own language (a native date input follows it, and shows mm/dd/yyyy on a US
 * system). The code behind it keeps the same ISO day (YYYY-MM-DD, '' for none). A complete date applies as it is
 * typed; a short one (26/10/26) when the field is left or Enter is pressed; a date that cannot be read says why, in a
 * sentence tied to the field.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { DAY_HINT, formatDayNumeric, parseDay } from '../../../contract/locale';

interface Props {
  label: string;
  /** The day as YYYY-MM-DD, or '' for none. */
  value: string;
  /** Called with the day as YYYY-MM-DD, or '' when the field is emptied. */
  onChange: (iso: string) => void;
  /** The wrapper's class (the page's field layout, e.g. `console-field`). */
  className?: string;
  required?: boolean;
  /** The earliest and latest day allowed (YYYY-MM-DD). */
  min?: string;
  max?: string;
}

/** Whether the text reads as a whole date already (year in four digits), so it may apply while typing. */
const complete = (text: string) => /^\d{4}-\d{1,2}-\d{1,2}$|\d{4}$/.test(text.trim());

export function DateField({ label, value, onChange, className, required, min, max }: Props) {
  const id = useId();
  const [text, setText] = useState(() => (value ? formatDayNumeric(value) : ''));
  const [error, setError] = useState('');
  const applied = useRef(value);

  // Set from outside (Clear filters, a month chosen): show it, and forget a complaint about what was typed before.
  useEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    setText(value ? formatDayNumeric(value) : '');
    setError('');
  }, [value]);

  const apply = (iso: string) => {
    applied.current = iso;
    if (iso !== value) onChange(iso);
  };

  /** `final`: the field is left or Enter pressed, so say what is wrong and tidy what was typed. */
  const read = (typed: string, final: boolean) => {
    if (!typed.trim()) {
      if (required && final) setError(`Enter a date: ${DAY_HINT}.`);
      else setError('');
      apply('');
      return;
    }
    if (!final && !complete(typed)) return;
    const parsed = parseDay(typed);
    if (!parsed.ok) {
      if (final) setError(parsed.message);
      return;
    }
    if (min && parsed.iso < min) {
      setError(`Choose ${formatDayNumeric(min)} or later.`);
      return;
    }
    if (max && parsed.iso > max) {
      setError(`Choose ${formatDayNumeric(max)} or earlier.`);
      return;
    }
    setError('');
    apply(parsed.iso);
    if (final) setText(formatDayNumeric(parsed.iso));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') read(event.currentTarget.value, true);
  };

  return (
    <div className={['date-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        className="field date-field-input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="dd/mm/yyyy"
        value={text}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setText(event.currentTarget.value);
          read(event.currentTarget.value, false);
        }}
        onBlur={(event) => read(event.currentTarget.value, true)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        {`Day/month/year, for example 26/10/2026.`}
      </span>
      {error ? (
        <span id={`${id}-error`} className="date-field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
