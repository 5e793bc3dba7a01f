'use client';

import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { authorWords, exclusionReason, formatEventTime, OTHER_REASON } from '../../lib/exclusions';
import {
  excludeImagesMutation,
  includeImagesMutation,
  type LabelerImage,
} from '../../queries/labeler-queries';
import { chooseReasonByKey, ExclusionReasonFields } from '../exclusion-reason-fields';
import { FieldErrorText } from '../field-error-text';
import styles from './labeler.module.css';

type ExclusionBannerProps = {
  image: LabelerImage;
  viewerUserId: string | null;
  canExclude: boolean;
  onChanged: (image: LabelerImage) => void;
  includeRef: RefObject<HTMLButtonElement | null>;
};

/**
 * Says that the image on screen is excluded, why, by whom and when, and offers to bring it back (for those
 * who may curate). Nothing while the image is in use.
 */
export function ExclusionBanner({
  image,
  viewerUserId,
  canExclude,
  onChanged,
  includeRef,
}: ExclusionBannerProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const errorId = useId();
  const exclusion = image.exclusion;
  if (!exclusion) return null;

  const include = async () => {
    setBusy(true);
    setError(null);
    const result = await queryApiFromBrowser(includeImagesMutation, { imageIds: [image.id], reason: null });
    setBusy(false);
    const updated = result.ok ? result.data.includeImages[0] : undefined;
    if (!result.ok) setError(fieldErrorOf(result.error));
    else if (updated) onChanged(updated);
  };

  return (
    <section className={styles.excluded} data-testid="exclusion-banner" aria-labelledby={`${errorId}-title`}>
      <h4 id={`${errorId}-title`}>
        <span aria-hidden="true">⊘ </span>Excluded
      </h4>
      <p>Left out of training, evaluation, predictions and the review queue; its labels are kept.</p>
      <p>
        Reason: <strong data-testid="exclusion-reason">{exclusion.reason}</strong>
      </p>
      <p className="muted" data-testid="exclusion-by">
        by {authorWords(exclusion, viewerUserId)} ·{' '}
        <time dateTime={exclusion.excludedAt}>{formatEventTime(exclusion.excludedAt)}</time>
      </p>
      {canExclude && (
        <button
          ref={includeRef}
          type="button"
          className="button"
          onClick={() => void include()}
          disabled={busy}
          aria-describedby={error ? errorId : undefined}
          data-testid="include-again"
        >
          {busy ? 'Including…' : 'Include again'}
        </button>
      )}
      <FieldErrorText id={errorId} error={error} />
    </section>
  );
}

type ExcludeFormProps = {
  image: LabelerImage;
  onChanged: (image: LabelerImage) => void;
  onClose: () => void;
};

/**
 * Asks why the image is left out: the common reasons as choices (1–5 or the arrows pick one), details or a
 * reason of one's own in the text field; Enter excludes, Escape cancels. What the API refuses shows beside it.
 */
export function ExcludeForm({ image, onChanged, onClose }: ExcludeFormProps) {
  const [choice, setChoice] = useState('');
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const detailsRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = `${id}-error`;

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const close = () => {
    onClose();
    // The keys go back to the labeler's shortcuts.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  };

  const submit = async () => {
    if (busy) return;
    const checked = exclusionReason(choice, details);
    if (!checked.ok) {
      setError({ code: 'BAD_INPUT', message: checked.message });
      (choice === OTHER_REASON ? detailsRef : firstRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await queryApiFromBrowser(excludeImagesMutation, {
      imageIds: [image.id],
      reason: checked.reason,
    });
    setBusy(false);
    const updated = result.ok ? result.data.excludeImages[0] : undefined;
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    if (updated) onChanged(updated);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (event.key === 'Enter' && target.tagName === 'INPUT') {
      event.preventDefault();
      void submit();
      return;
    }
    chooseReasonByKey(event, detailsRef, setChoice);
  };

  return (
    <form
      className={styles.excludeForm}
      aria-labelledby={`${id}-title`}
      data-testid="exclude-form"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <fieldset disabled={busy}>
        <legend id={`${id}-title`}>Why leave this image out?</legend>
        <ExclusionReasonFields
          name="exclusion-reason"
          choice={choice}
          details={details}
          onChoice={setChoice}
          onDetails={setDetails}
          firstRef={firstRef}
          detailsRef={detailsRef}
          describedBy={error ? errorId : undefined}
        />
        <div className={styles.actions}>
          <button type="submit" className="button" data-testid="exclude-submit">
            {busy ? 'Excluding…' : 'Exclude image'}
          </button>
          <button type="button" className="button button-quiet" onClick={close}>
            Cancel <kbd className="key-cap">Esc</kbd>
          </button>
        </div>
      </fieldset>
      <FieldErrorText id={errorId} error={error} />
    </form>
  );
}

/** Every time the image was excluded or brought back, newest first: what, why, who and when. */
export function ExclusionHistory({
  events,
  viewerUserId,
}: {
  events: LabelerImage['exclusionHistory'];
  viewerUserId: string | null;
}) {
  if (events.length === 0) return null;
  return (
    <section className={styles.history} aria-labelledby="exclusion-history-title">
      <h4 id="exclusion-history-title">Exclusion history</h4>
      <ol data-testid="exclusion-history">
        {events.map((event) => (
          <li
            key={`${event.createdAt}:${event.excluded}`}
            data-testid="exclusion-event"
            data-excluded={event.excluded ? 'true' : 'false'}
          >
            <strong>{event.excluded ? 'Excluded' : 'Included again'}</strong>
            {event.reason && <> · {event.reason}</>}{' '}
            <span className="muted">
              by {authorWords(event, viewerUserId)} ·{' '}
              <time dateTime={event.createdAt}>{formatEventTime(event.createdAt)}</time>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
