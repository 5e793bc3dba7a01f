'use client';

import { useEffect, useId, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatCount } from '../../lib/format';
import {
  type CategoryItem,
  categoryMergeMutation,
  categoryMergePreviewQuery,
} from '../../queries/categories-queries';
import { FieldErrorText } from '../field-error-text';
import styles from './categories.module.css';
import { ModalDialog } from './modal-dialog';
import { readWithRetry } from './read-with-retry';

type Preview = { labelsMoving: number; aliasesMoving: number };

type MergeDialogProps = {
  /** The category to merge away; null while the dialog is closed. */
  source: CategoryItem | null;
  categories: CategoryItem[];
  onClose: () => void;
  onMerged: (notice: string) => void;
  fallbackFocus: () => HTMLElement | null;
};

/** Pick a target, see how many labels and alias rules would move (previewMerge), then confirm. */
export function MergeDialog({ source, categories, onClose, onMerged, fallbackFocus }: MergeDialogProps) {
  return (
    <ModalDialog
      open={source !== null}
      title={source ? `Merge “${source.name}” into another category` : 'Merge categories'}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      testId="merge-dialog"
    >
      {source && (
        <MergeForm
          key={source.id}
          source={source}
          categories={categories}
          onClose={onClose}
          onMerged={onMerged}
        />
      )}
    </ModalDialog>
  );
}

function MergeForm({
  source,
  categories,
  onClose,
  onMerged,
}: {
  source: CategoryItem;
  categories: CategoryItem[];
  onClose: () => void;
  onMerged: (notice: string) => void;
}) {
  const targets = categories.filter((category) => category.id !== source.id);
  const [targetId, setTargetId] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<FieldError | null>(null);
  const [mergeError, setMergeError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const previewErrorId = useId();
  const mergeErrorId = useId();
  const target = targets.find((category) => category.id === targetId);

  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    setMergeError(null);
    if (!targetId) return;
    const controller = new AbortController();
    void readWithRetry(categoryMergePreviewQuery, { sourceId: source.id, targetId }, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if (result.ok) setPreview(result.data.previewMerge);
        else setPreviewError(fieldErrorOf(result.error));
      },
    );
    return () => controller.abort();
  }, [source.id, targetId]);

  const merge = async () => {
    if (!target) return;
    setBusy(true);
    const result = await queryApiFromBrowser(categoryMergeMutation, { sourceId: source.id, targetId });
    setBusy(false);
    if (!result.ok) {
      setMergeError(fieldErrorOf(result.error));
      return;
    }
    const { labelsMoved } = result.data.mergeCategories;
    onMerged(`Merged “${source.name}” into “${target.name}”: ${formatCount(labelsMoved, 'label')} moved.`);
  };

  return (
    <form
      method="dialog"
      className={styles.dialogBody}
      onSubmit={(event) => {
        event.preventDefault();
        void merge();
      }}
    >
      <div className={styles.field}>
        <label htmlFor={selectId}>Merge into</label>
        <select
          id={selectId}
          value={targetId}
          onChange={(event) => setTargetId(event.target.value)}
          aria-describedby={previewError ? previewErrorId : undefined}
          // biome-ignore lint/a11y/noAutofocus: the first choice of the dialog
          autoFocus
        >
          <option value="">Choose a category…</option>
          {targets.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
              {category.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
        <FieldErrorText id={previewErrorId} error={previewError} />
      </div>
      <p className={styles.preview} role="status" data-testid="merge-preview">
        {!target
          ? 'Choose the category that takes over the labels and alias rules.'
          : preview
            ? `${formatCount(preview.labelsMoving, 'label')} and ${formatCount(preview.aliasesMoving, 'alias rule')} will move from “${source.name}” to “${target.name}”. “${source.name}” is kept as merged, with its history.`
            : previewError
              ? ''
              : 'Counting what would move…'}
      </p>
      <FieldErrorText id={mergeErrorId} error={mergeError} />
      <div className={styles.dialogActions}>
        <button className="button button-quiet" type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          className="button"
          type="submit"
          disabled={!preview || busy}
          aria-describedby={mergeError ? mergeErrorId : undefined}
        >
          {busy ? 'Merging…' : 'Merge'}
        </button>
      </div>
    </form>
  );
}
