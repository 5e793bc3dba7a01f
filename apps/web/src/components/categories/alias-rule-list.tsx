'use client';

import { useId, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatCount } from '../../lib/format';
import {
  type AliasRuleItem,
  aliasRuleApplyMutation,
  aliasRuleDeleteMutation,
} from '../../queries/categories-queries';
import { FieldErrorText } from '../field-error-text';
import { matchWords } from './alias-match';
import styles from './categories.module.css';
import { ModalDialog } from './modal-dialog';

type AliasRuleListProps = {
  rules: AliasRuleItem[];
  onChanged: (notice: string) => void;
  fallbackFocus: () => HTMLElement | null;
};

/** The dataset's rules, oldest first: apply one to the images already imported, or delete it (confirmed). */
export function AliasRuleList({ rules, onChanged, fallbackFocus }: AliasRuleListProps) {
  const [deleting, setDeleting] = useState<AliasRuleItem | null>(null);
  if (rules.length === 0) return <p className="muted">No alias rules yet.</p>;
  return (
    <>
      <table className={styles.table} data-testid="alias-rule-table">
        <caption className={styles.caption}>{formatCount(rules.length, 'alias rule')}</caption>
        <thead>
          <tr>
            <th scope="col">Technologist text</th>
            <th scope="col">Match</th>
            <th scope="col">Category</th>
            <th scope="col" className={styles.numeric}>
              Matching images
            </th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <AliasRuleRow key={rule.id} rule={rule} onChanged={onChanged} onDelete={setDeleting} />
          ))}
        </tbody>
      </table>
      <ModalDialog
        open={deleting !== null}
        title="Delete this alias rule?"
        onClose={() => setDeleting(null)}
        fallbackFocus={fallbackFocus}
        testId="delete-rule-dialog"
      >
        {deleting && (
          <DeleteRuleForm
            rule={deleting}
            onCancel={() => setDeleting(null)}
            onDeleted={(notice) => {
              setDeleting(null);
              onChanged(notice);
            }}
          />
        )}
      </ModalDialog>
    </>
  );
}

function AliasRuleRow({
  rule,
  onChanged,
  onDelete,
}: {
  rule: AliasRuleItem;
  onChanged: (notice: string) => void;
  onDelete: (rule: AliasRuleItem) => void;
}) {
  const [applied, setApplied] = useState<number | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const apply = async () => {
    setBusy(true);
    const result = await queryApiFromBrowser(aliasRuleApplyMutation, { id: rule.id });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    setError(null);
    const { labelsWritten } = result.data.applyAliasRule;
    setApplied(labelsWritten);
    onChanged(
      `Applied “${rule.pattern}” → “${rule.category.name}”: ${formatCount(labelsWritten, 'label')} changed.`,
    );
  };
  return (
    <tr data-testid="alias-rule-row" data-pattern={rule.pattern}>
      <th scope="row">
        <code>{rule.pattern}</code>
      </th>
      <td>{matchWords[rule.match].short}</td>
      <td>{rule.category.name}</td>
      <td className={styles.numeric}>{rule.matchCount}</td>
      <td>
        <div className={styles.actions}>
          <button
            className="button"
            type="button"
            onClick={apply}
            disabled={busy}
            aria-label={`Apply the rule ${rule.pattern}`}
            aria-describedby={error ? errorId : undefined}
          >
            {busy ? 'Applying…' : 'Apply'}
          </button>
          <button
            className="button button-quiet"
            type="button"
            onClick={() => onDelete(rule)}
            aria-label={`Delete the rule ${rule.pattern}`}
          >
            Delete…
          </button>
        </div>
        {applied !== null && (
          <p className={styles.applied} role="status" data-testid="alias-rule-applied">
            ✓ {formatCount(applied, 'label')} changed
          </p>
        )}
        <FieldErrorText id={errorId} error={error} />
      </td>
    </tr>
  );
}

function DeleteRuleForm({
  rule,
  onCancel,
  onDeleted,
}: {
  rule: AliasRuleItem;
  onCancel: () => void;
  onDeleted: (notice: string) => void;
}) {
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const remove = async () => {
    setBusy(true);
    const result = await queryApiFromBrowser(aliasRuleDeleteMutation, { id: rule.id });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    onDeleted(`Deleted the rule “${rule.pattern}”; the labels it wrote stay.`);
  };
  return (
    <div className={styles.dialogBody}>
      <p>
        The rule <code>{rule.pattern}</code> ({matchWords[rule.match].short}) →{' '}
        <strong>{rule.category.name}</strong> will no longer label new imports. The labels it already wrote
        stay.
      </p>
      <FieldErrorText id={errorId} error={error} />
      <div className={styles.dialogActions}>
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice gets focus in a destructive dialog */}
        <button className="button button-quiet" type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button
          className={`button ${styles.dangerButton}`}
          type="button"
          onClick={remove}
          disabled={busy}
          aria-describedby={error ? errorId : undefined}
        >
          {busy ? 'Deleting…' : 'Delete rule'}
        </button>
      </div>
    </div>
  );
}
