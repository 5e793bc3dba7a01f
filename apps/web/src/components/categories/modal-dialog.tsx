'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './categories.module.css';

type ModalDialogProps = {
  open: boolean;
  title: string;
  /** Runs when the dialog closes by any way: Escape, a button, or `open` turning false. */
  onClose: () => void;
  /** Where focus goes on close when the control that opened the dialog is gone (a merged row, say). */
  fallbackFocus?: () => HTMLElement | null;
  testId?: string;
  children: ReactNode;
};

/**
 * A modal `<dialog>`: focus moves into it on open (to the first control, or the one marked autoFocus),
 * Escape closes it, and focus goes back to the control that opened it.
 */
export function ModalDialog({ open, title, onClose, fallbackFocus, testId, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  const handleClose = () => {
    onClose();
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    else fallbackFocus?.()?.focus();
  };
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      // React passes a close event up its own tree: a dialog opened inside this one (a confirmation) closing
      // must not close this one too.
      onClose={(event) => {
        if (event.target === event.currentTarget) handleClose();
      }}
      data-testid={testId}
    >
      <h3 id={titleId} className={styles.dialogTitle}>
        {title}
      </h3>
      {open && children}
    </dialog>
  );
}
