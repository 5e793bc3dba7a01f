'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { elapsedMs, readerKeyAction } from '../../lib/reader-keys';
import {
  type ReaderAssignmentData,
  type ReaderItemData,
  readerItemAtQuery,
  submitReaderAnswerMutation,
} from '../../queries/reader-study-queries';
import styles from './reader.module.css';

type ReaderScreenProps = { assignment: ReaderAssignmentData };

const confidenceLevels = [
  { value: 1, text: 'a guess' },
  { value: 2, text: 'unsure' },
  { value: 3, text: 'fairly sure' },
  { value: 4, text: 'sure' },
  { value: 5, text: 'certain' },
] as const;

/** True when a key belongs to the focused control: typing in a text field, Enter on a button or link. */
function isOwnedByField(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('textarea, select, input:not([type="radio"])')) return true;
  return (key === 'Enter' || key === 'Backspace' || key === ' ') && target.closest('button, a') !== null;
}

/**
 * One image at a time: the reader picks a category (digits 1–9 or a click), optionally a second choice
 * (Shift + digit) and a confidence, and submits. The time from the image being shown to the answer goes
 * with it. Every answer is saved as it is given, so the reader can leave and come back to the first
 * unanswered image, and go back to revise earlier ones while the study is open. Only what a reader may see
 * is asked for: no label, prediction or technologist text.
 */
export function ReaderScreen({ assignment }: ReaderScreenProps) {
  const { categories } = assignment;
  const [item, setItem] = useState<ReaderItemData | null>(assignment.nextItem);
  const [progress, setProgress] = useState(assignment.progress);
  const [firstId, setFirstId] = useState<string | null>(assignment.nextItem?.answer?.category.id ?? null);
  const [secondId, setSecondId] = useState<string | null>(
    assignment.nextItem?.answer?.secondCategory?.id ?? null,
  );
  const [confidence, setConfidence] = useState<number | null>(
    assignment.nextItem?.answer?.confidence ?? null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const [imageFailed, setImageFailed] = useState(false);
  // When the image was shown (loaded); when it was put on screen, in case its load came before hydration.
  const shownAt = useRef<number | null>(null);
  const presentedAt = useRef<number | null>(null);
  const imageRef = useRef<HTMLImageElement | null>(null);
  // Guards against a second submission before the first one's answer re-renders the screen.
  const submitting = useRef(false);
  const open = assignment.state === 'OPEN';

  const show = useCallback((next: ReaderItemData | null) => {
    shownAt.current = null;
    presentedAt.current = performance.now();
    setItem(next);
    setFirstId(next?.answer?.category.id ?? null);
    setSecondId(next?.answer?.secondCategory?.id ?? null);
    setConfidence(next?.answer?.confidence ?? null);
    setImageFailed(false);
    setError(null);
  }, []);

  const goTo = useCallback(
    async (position: number) => {
      if (busy) return;
      setBusy(true);
      const result = await queryApiFromBrowser(readerItemAtQuery, { id: assignment.id, position });
      setBusy(false);
      if (!result.ok) {
        setError(fieldErrorOf(result.error));
        return;
      }
      const node = result.data.node;
      if (node?.__typename === 'ReaderAssignment') show(node.item);
    },
    [assignment.id, busy, show],
  );

  // The first image comes with the page: it may have loaded before React could see its load event.
  useEffect(() => {
    if (presentedAt.current === null) presentedAt.current = performance.now();
    const image = imageRef.current;
    if (shownAt.current === null && image?.complete && image.naturalWidth > 0)
      shownAt.current = performance.now();
  });

  const submit = useCallback(async () => {
    if (!item || !firstId || busy || !open || submitting.current) return;
    const now = performance.now();
    const timeMs = elapsedMs(shownAt.current ?? presentedAt.current ?? now, now);
    submitting.current = true;
    setBusy(true);
    setError(null);
    const result = await queryApiFromBrowser(submitReaderAnswerMutation, {
      input: {
        itemId: item.id,
        categoryId: firstId,
        secondCategoryId: secondId && secondId !== firstId ? secondId : null,
        confidence,
        timeMs,
      },
    });
    submitting.current = false;
    setBusy(false);
    if (!result.ok) {
      // The choices stay as they are: submitting again retries.
      setError(fieldErrorOf(result.error));
      return;
    }
    const { assignment: updated } = result.data.submitReaderAnswer;
    setProgress(updated.progress);
    show(updated.nextItem);
  }, [busy, confidence, firstId, item, open, secondId, show]);

  const pick = useCallback(
    (which: 'first' | 'second', categoryId: string) => {
      if (which === 'first') {
        setFirstId(categoryId);
        if (secondId === categoryId) setSecondId(null);
      } else {
        setSecondId((current) => (current === categoryId || firstId === categoryId ? null : categoryId));
      }
    },
    [firstId, secondId],
  );

  useEffect(() => {
    if (!item || !open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isOwnedByField(event.target, event.key)) return;
      const action = readerKeyAction(event, categories.length);
      if (!action) return;
      event.preventDefault();
      if (action.kind === 'submit') void submit();
      else if (action.kind === 'previous') {
        if (item.position > 0) void goTo(item.position - 1);
      } else {
        const category = categories[action.index];
        if (category) pick(action.kind, category.id);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [categories, goTo, item, open, pick, submit]);

  const progressText = `${progress.answered} of ${progress.total} answered`;
  const progressBar = (
    <div className={styles.progress}>
      <progress
        value={progress.answered}
        max={Math.max(progress.total, 1)}
        aria-label="Images answered"
        data-testid="reader-progress"
      />
      <span aria-live="polite">{progressText}</span>
    </div>
  );

  if (!open) {
    return (
      <section className={styles.screen} data-testid="reader-screen" data-state={assignment.state}>
        <h1>{assignment.studyName}</h1>
        {progressBar}
        <p className={styles.notice} data-testid="reader-closed">
          {assignment.state === 'CLOSED'
            ? 'This study is closed: your answers are final and can no longer be changed.'
            : 'This study is not open yet.'}
        </p>
        <Link href="/read">Back to your studies</Link>
      </section>
    );
  }

  if (!item) {
    return (
      <section className={styles.screen} data-testid="reader-screen" data-state="DONE">
        <h1>{assignment.studyName}</h1>
        {progressBar}
        <p className={styles.notice} data-testid="reader-done">
          All {progress.total} images are answered. Thank you! You can still revise an answer while the study
          is open.
        </p>
        {error && (
          <p className={styles.error} role="alert">
            {error.code}: {error.message}
          </p>
        )}
        <div className={styles.actions}>
          <button
            type="button"
            className="button"
            onClick={() => void goTo(0)}
            disabled={busy || progress.total === 0}
          >
            Review answers
          </button>
          <Link href="/read">Back to your studies</Link>
        </div>
      </section>
    );
  }

  const revising = item.answer !== null;
  return (
    <section
      className={styles.screen}
      data-testid="reader-screen"
      data-state="OPEN"
      data-position={item.position}
      aria-busy={busy}
    >
      <div className={styles.top}>
        <h1>{assignment.studyName}</h1>
        <Link href="/read" className={styles.pause}>
          Pause (answers are saved)
        </Link>
      </div>
      {progressBar}
      <div className={styles.layout}>
        <figure className={styles.figure}>
          {imageFailed ? (
            <p className={styles.error} role="alert">
              The image could not be loaded.{' '}
              <button type="button" className={styles.linkButton} onClick={() => void goTo(item.position)}>
                Try again
              </button>
            </p>
          ) : (
            // biome-ignore lint/performance/noImgElement: the API's thumbnail, shown as is
            <img
              key={item.id}
              ref={imageRef}
              src={item.imageUrl}
              alt={`Study case ${item.position + 1} of ${progress.total}`}
              className={styles.image}
              data-testid="reader-image"
              onLoad={() => {
                shownAt.current = performance.now();
              }}
              onError={() => setImageFailed(true)}
            />
          )}
          <figcaption>
            Image {item.position + 1} of {progress.total}
            {revising && ` · revising your answer (${item.answer?.revisions ?? 0} earlier changes)`}
          </figcaption>
        </figure>
        <form
          className={styles.panel}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <fieldset className={styles.choices}>
            <legend>First choice (keys 1–{Math.min(categories.length, 9)})</legend>
            <div className={styles.options}>
              {categories.map((category, index) => (
                <label key={category.id} className={styles.option} data-testid="reader-choice">
                  <input
                    type="radio"
                    name="first-choice"
                    value={category.id}
                    checked={firstId === category.id}
                    onChange={() => pick('first', category.id)}
                  />{' '}
                  {index < 9 && <kbd>{index + 1}</kbd>} {category.name}
                  {firstId === category.id && <span className={styles.mark}> (first choice)</span>}
                </label>
              ))}
            </div>
          </fieldset>
          <label className={styles.second}>
            <span>Second choice, optional (Shift + key)</span>
            <select
              value={secondId ?? ''}
              onChange={(event) => setSecondId(event.target.value === '' ? null : event.target.value)}
              data-testid="reader-second-choice"
            >
              <option value="">None</option>
              {categories.map((category, index) => (
                <option key={category.id} value={category.id} disabled={firstId === category.id}>
                  {index < 9 ? `⇧${index + 1}  ` : ''}
                  {category.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className={styles.choices}>
            <legend>Confidence, optional</legend>
            <div className={styles.confidence}>
              {confidenceLevels.map((level) => (
                <label key={level.value}>
                  <input
                    type="radio"
                    name="confidence"
                    value={level.value}
                    checked={confidence === level.value}
                    onChange={() => setConfidence(level.value)}
                  />{' '}
                  {level.value} <span className="muted">{level.text}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {error && (
            <p className={styles.error} role="alert" data-testid="reader-error">
              {error.code}: {error.message}
            </p>
          )}
          <div className={styles.actions}>
            <button type="submit" className="button" disabled={!firstId || busy} data-testid="reader-submit">
              {revising ? 'Save and continue' : 'Submit'} <kbd>Enter</kbd>
            </button>
            <button
              type="button"
              className={styles.secondary}
              disabled={item.position === 0 || busy}
              onClick={() => void goTo(item.position - 1)}
            >
              ← Previous
            </button>
            {revising && item.position + 1 < progress.total && (
              <button
                type="button"
                className={styles.secondary}
                disabled={busy}
                onClick={() => void goTo(item.position + 1)}
              >
                Next →
              </button>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
