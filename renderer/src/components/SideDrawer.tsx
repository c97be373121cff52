/**
 * A drawer beside the page (the console's transaction, the reconciliation's drift item), labelled by its heading.
 * Non-modal: the page stays usable. The heading takes the focus when the drawer opens on `subject`; Escape or Close
 * calls `onClose` and gives the focus back to whatever had it (a row's button, usually). The page's own stylesheet
 * may set the drawer's width through `className`.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** What the drawer shows: a new one moves the focus to the heading again and is what Close returns from. */
  subject: string;
  titleId: string;
  title: ReactNode;
  /** Closes it in the page's store; the drawer then returns the focus. */
  onClose: () => void;
  className: string;
  children: ReactNode;
}

export function SideDrawer({ subject, titleId, title, onClose, className, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
  }, [subject]);

  const close = () => {
    onClose();
    returnFocus.current?.focus();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
    // close reads only a ref and the page's store, so the first one serves for as long as the drawer is open.
  }, []);

  return (
    <aside className={`side-drawer ${className}`} aria-labelledby={titleId}>
      <header className="side-drawer-header">
        <h2 id={titleId} className="side-drawer-title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </header>
      <div className="side-drawer-body">{children}</div>
    </aside>
  );
}
