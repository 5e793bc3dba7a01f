'use client';

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import type { ApiError, ApiResult } from '../../lib/api-result';
import { queryApiFromBrowser } from '../../lib/browser-api';
import {
  actionTargets,
  type BulkAction,
  type ChunkedRun,
  outcomeText,
  progressText,
  runInChunks,
} from '../../lib/bulk-actions';
import { exclusionReason, OTHER_REASON } from '../../lib/exclusions';
import { formatCount } from '../../lib/format';
import {
  bulkExcludeImagesMutation,
  bulkIncludeImagesMutation,
  bulkLabelMutation,
} from '../../queries/bulk-actions-queries';
import type { ImageSummary } from '../../queries/study-query';
import { chooseReasonByKey, ExclusionReasonFields } from '../exclusion-reason-fields';
import { FieldErrorText } from '../field-error-text';
import styles from './bulk-action-bar.module.css';

type Category = { id: string; name: string };

type BulkActionBarProps = {
  /** The selected images, in grid order. */
  selected: readonly ImageSummary[];
  loadedCount: number;
  totalCount: number;
  categories: readonly Category[];
  canLabel: boolean;
  canCurate: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  /** A run began or ended: the grid holds its selection still meanwhile. */
  onBusy: (busy: boolean) => void;
  /**
   * What the API accepted: the images as they are now (the grid shows them), the ids it dealt with, and
   * whether everything went through (the selection then clears, images left alone included; otherwise only
   * the ids dealt with leave it).
   */
  onApplied: (updated: readonly ImageSummary[], doneIds: readonly string[], complete: boolean) => void;
};

type Outcome = { ok: true; text: string } | { ok: false; error: FieldError };

type Progress = { action: BulkAction; done: number; total: number };

async function send(action: BulkAction, imageIds: string[]): Promise<ApiResult<readonly ImageSummary[]>> {
  if (action.kind === 'label') {
    const result = await queryApiFromBrowser(bulkLabelMutation, {
      imageIds,
      categoryId: action.category?.id ?? null,
    });
    return result.ok ? { ok: true, data: result.data.bulkLabel } : result;
  }
  if (action.kind === 'exclude') {
    const result = await queryApiFromBrowser(bulkExcludeImagesMutation, { imageIds, reason: action.reason });
    return result.ok ? { ok: true, data: result.data.excludeImages } : result;
  }
  const result = await queryApiFromBrowser(bulkIncludeImagesMutation, { imageIds });
  return result.ok ? { ok: true, data: result.data.includeImages } : result;
}

function outcomeOf(action: BulkAction, run: ChunkedRun<ImageSummary, ApiError>, skipped: number): Outcome {
  if (!run.failure) return { ok: true, text: outcomeText(action, run, skipped) };
  const refusal = fieldErrorOf(run.failure.error);
  return {
    ok: false,
    error: { code: refusal.code, message: outcomeText(action, run, skipped, refusal.message) },
  };
}

/**
 * The Images screen's selection mode: how many images are selected, ways to select every loaded one or
 * none, and what to do with them (label, exclude, include again, as the viewer's role allows). The API
 * takes at most 500 images a request: more are sent 500 at a time, one after the other, with progress.
 */
export function BulkActionBar({
  selected,
  loadedCount,
  totalCount,
  categories,
  canLabel,
  canCurate,
  onSelectAll,
  onClear,
  onBusy,
  onApplied,
}: BulkActionBarProps) {
  const [panel, setPanel] = useState<'label' | 'exclude' | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const id = useId();
  const count = selected.length;
  const busy = progress !== null;
  const none = count === 0;

  const run = async (action: BulkAction) => {
    if (busy) return;
    const { ids, skipped } = actionTargets(action, selected);
    setOutcome(null);
    setProgress({ action, done: 0, total: ids.length });
    onBusy(true);
    try {
      const result = await runInChunks<ImageSummary, ApiError>(ids, (chunk) => send(action, chunk), {
        onProgress: (done) => setProgress({ action, done, total: ids.length }),
      });
      onApplied(result.results, result.doneIds, result.failure === null);
      setOutcome(outcomeOf(action, result, skipped));
      if (!result.failure) setPanel(null);
    } finally {
      setProgress(null);
      onBusy(false);
    }
  };

  const toggle = (which: 'label' | 'exclude') => {
    setOutcome(null);
    setPanel((current) => (current === which ? null : which));
  };

  return (
    <section className={styles.bar} aria-labelledby={`${id}-count`} data-testid="selection-bar">
      <div className={styles.row}>
        <p id={`${id}-count`} className={styles.count} aria-live="polite" data-testid="selection-count">
          <strong>{count.toLocaleString('en')} selected</strong>
          <span className="muted">
            {' '}
            of {formatCount(loadedCount, 'image')} loaded
            {loadedCount < totalCount ? ` (${totalCount.toLocaleString('en')} match)` : ''}
          </span>
        </p>
        <button
          type="button"
          className="button button-quiet"
          onClick={onSelectAll}
          disabled={busy || count === loadedCount}
        >
          Select all loaded
        </button>
        <button type="button" className="button button-quiet" onClick={onClear} disabled={busy || none}>
          Clear selection
        </button>
        <span className={styles.actions}>
          {canLabel && (
            <button
              type="button"
              className="button"
              onClick={() => toggle('label')}
              disabled={busy || none}
              aria-expanded={panel === 'label'}
              aria-controls={panel === 'label' ? `${id}-panel` : undefined}
            >
              Label as…
            </button>
          )}
          {canCurate && (
            <>
              <button
                type="button"
                className="button"
                onClick={() => toggle('exclude')}
                disabled={busy || none}
                aria-expanded={panel === 'exclude'}
                aria-controls={panel === 'exclude' ? `${id}-panel` : undefined}
              >
                Exclude…
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setPanel(null);
                  void run({ kind: 'include' });
                }}
                disabled={busy || none}
              >
                Include again
              </button>
            </>
          )}
        </span>
      </div>
      {panel === 'label' && !none && (
        <LabelPanel
          id={`${id}-panel`}
          count={count}
          categories={categories}
          busy={busy}
          onRun={(category) => void run({ kind: 'label', category })}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'exclude' && !none && (
        <ExcludePanel
          id={`${id}-panel`}
          count={count}
          busy={busy}
          onRun={(reason) => void run({ kind: 'exclude', reason })}
          onClose={() => setPanel(null)}
        />
      )}
      {progress && (
        <p className={styles.progress} role="status" data-testid="bulk-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} />{' '}
          {progressText(progress.action, progress.done, progress.total)}
        </p>
      )}
      {outcome?.ok && (
        <p className={styles.outcome} role="status" data-testid="bulk-outcome">
          <span aria-hidden="true">✓ </span>
          {outcome.text}
        </p>
      )}
      {outcome && !outcome.ok && <FieldErrorText id={`${id}-error`} error={outcome.error} />}
    </section>
  );
}

type LabelPanelProps = {
  id: string;
  count: number;
  categories: readonly Category[];
  busy: boolean;
  onRun: (category: Category | null) => void;
  onClose: () => void;
};

/** Which category the selected images get, or none ("Clear label"). */
function LabelPanel({ id, count, categories, busy, onRun, onClose }: LabelPanelProps) {
  const [categoryId, setCategoryId] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const errorId = `${id}-choice-error`;

  useEffect(() => {
    selectRef.current?.focus();
  }, []);

  const submit = () => {
    const category = categories.find((candidate) => candidate.id === categoryId);
    if (!category) {
      setError({ code: 'BAD_INPUT', message: 'Choose a category.' });
      selectRef.current?.focus();
      return;
    }
    setError(null);
    onRun(category);
  };

  return (
    <form
      id={id}
      className={styles.panel}
      aria-label="Label the selected images"
      data-testid="bulk-label-form"
      onKeyDown={(event) => closeOnEscape(event, onClose)}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset disabled={busy}>
        <label className={styles.field}>
          <span>Category</span>
          <select
            ref={selectRef}
            value={categoryId}
            onChange={(event) => {
              setCategoryId(event.target.value);
              setError(null);
            }}
            aria-describedby={error ? errorId : undefined}
          >
            <option value="">Choose…</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" data-testid="bulk-label-submit">
          Label {formatCount(count, 'image')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => onRun(null)}
          data-testid="bulk-clear-label"
        >
          Clear label
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Cancel
        </button>
      </fieldset>
      <FieldErrorText id={errorId} error={error} />
    </form>
  );
}

type ExcludePanelProps = {
  id: string;
  count: number;
  busy: boolean;
  onRun: (reason: string) => void;
  onClose: () => void;
};

/** Why the selected images are left out: the labeler's quick reasons and details (digits pick a reason). */
function ExcludePanel({ id, count, busy, onRun, onClose }: ExcludePanelProps) {
  const [choice, setChoice] = useState('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const detailsRef = useRef<HTMLInputElement>(null);
  const errorId = `${id}-reason-error`;

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const submit = () => {
    const checked = exclusionReason(choice, details);
    if (!checked.ok) {
      setError({ code: 'BAD_INPUT', message: checked.message });
      (choice === OTHER_REASON ? detailsRef : firstRef).current?.focus();
      return;
    }
    setError(null);
    onRun(checked.reason);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (closeOnEscape(event, onClose)) return;
    chooseReasonByKey(event, detailsRef, setChoice);
  };

  return (
    <form
      id={id}
      className={styles.panel}
      aria-labelledby={`${id}-title`}
      data-testid="bulk-exclude-form"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset disabled={busy} className={styles.reasons}>
        <legend id={`${id}-title`}>Why leave {count === 1 ? 'this image' : 'these images'} out?</legend>
        <ExclusionReasonFields
          name={`${id}-reason`}
          choice={choice}
          details={details}
          onChoice={setChoice}
          onDetails={setDetails}
          firstRef={firstRef}
          detailsRef={detailsRef}
          describedBy={error ? errorId : undefined}
        />
        <span className={styles.actions}>
          <button type="submit" className="button" data-testid="bulk-exclude-submit">
            Exclude {formatCount(count, 'image')}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </span>
      </fieldset>
      <FieldErrorText id={errorId} error={error} />
    </form>
  );
}

function closeOnEscape(event: KeyboardEvent<HTMLElement>, onClose: () => void): boolean {
  if (event.key !== 'Escape') return false;
  event.preventDefault();
  onClose();
  return true;
}
