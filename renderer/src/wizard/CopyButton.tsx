/** Copies one value to the clipboard and says so for a moment, in place (no layout shift). */
import { useEffect, useState } from 'react';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (copied === 'idle') return undefined;
    const timer = window.setTimeout(() => setCopied('idle'), 1800);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <button type="button" className="wz-copy" onClick={copy} aria-label={`Copy ${label}`}>
      <span aria-hidden="true">{copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Select & copy' : 'Copy'}</span>
      <span className="visually-hidden" aria-live="polite">
        {copied === 'copied' ? `${label} copied` : copied === 'failed' ? 'Copying was not allowed; select the text and copy it.' : ''}
      </span>
    </button>
  );
}

/** A value shown exactly as it must be entered, with its copy button. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <span className="wz-copy-value">
      <code className="wz-code">{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}
