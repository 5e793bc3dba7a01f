'use client';

import type { ReactNode } from 'react';
import { ModalDialog } from '../categories/modal-dialog';
import styles from './settings.module.css';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  /** A change that takes something away (revoke, disable): the confirm button says so in colour too. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
};

/** Asks before a change that cannot be taken back quietly; Cancel has the focus, Escape cancels. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
  testId,
}: ConfirmDialogProps) {
  return (
    <ModalDialog open={open} title={title} onClose={onCancel} testId={testId}>
      <div className={styles.dialogBody}>
        {children}
        <div className={styles.dialogActions}>
          {/* biome-ignore lint/a11y/noAutofocus: the safe choice has the focus when the dialog opens */}
          <button type="button" className="button button-quiet" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? `button ${styles.dangerButton}` : 'button'}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
