'use client';

import { useEffect } from 'react';
import type { ManagedUser } from '../../queries/users-queries';
import { ApiTokensSection } from '../account/api-tokens-section';
import styles from '../account/settings.module.css';
import { useTokenList } from '../account/use-token-list';
import { ModalDialog } from '../categories/modal-dialog';

type UserTokensDialogProps = { user: ManagedUser; open: boolean; onClose: () => void };

/** Someone's API tokens and web sessions, for an admin to see and revoke (a lost laptop, a leaked token). */
export function UserTokensDialog({ user, open, onClose }: UserTokensDialogProps) {
  return (
    <ModalDialog open={open} title={`Tokens of ${user.name}`} onClose={onClose} testId="user-tokens-dialog">
      {open && <UserTokens user={user} />}
      <div className={styles.dialogActions}>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function UserTokens({ user }: { user: ManagedUser }) {
  const list = useTokenList(user.id, []);
  const { refresh } = list;
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <ApiTokensSection sessionRole="ADMIN" userRole={user.role} list={list} owner={{ name: user.name }} />
  );
}
