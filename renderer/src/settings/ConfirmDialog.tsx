/**
 * A modal question before something that cannot be undone. The browser's own modal <dialog> makes the page behind it
 * inert and turns Escape into Cancel; Tab and Shift+Tab are kept inside it here as well, focus starts on Cancel (the
 * safe answer) and goes back to the button that opened it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Disabled until the person has done what the dialog asks (e.g. typed a word). */
  confirmDisabled?: boolean;
  busy?: boolean;
  /** Red when the action deletes or removes something. */
  destructive?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({ open, title, children, confirmLabel, confirmDisabled, busy, destructive, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
      cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);

  const keepFocusInside = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="st-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onKeyDown={keepFocusInside}
      // Escape: the browser fires `cancel`; the page decides, so the dialog closes through `open` like any other way.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="st-dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="st-dialog-body">
        {children}
      </div>
      <div className="st-dialog-actions">
        <button type="button" className={`button ${destructive ? 'button-danger' : 'button-primary'}`} onClick={onConfirm} disabled={confirmDisabled || busy} aria-busy={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button" ref={cancel} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
