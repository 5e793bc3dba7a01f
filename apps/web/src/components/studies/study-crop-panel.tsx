'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { studyPageSetCropBoxMutation, suggestStudyCropBoxQuery } from '../../queries/study-crop-queries';
import { FieldErrorText } from '../field-error-text';
import styles from './study-crop-panel.module.css';

type Box = { x: number; y: number; width: number; height: number };
type Suggestion = Box & { isWholeImage: boolean; imageCount: number };

type StudyCropPanelProps = {
  studyId: string;
  /** The study's default crop box now; null for none. */
  initial: Box | null;
  /** Whether the viewer may change crop boxes (annotators, data scientists, admins). */
  canEdit: boolean;
};

const boxText = (box: Box) => `${box.width} × ${box.height} at ${box.x}, ${box.y}`;

/**
 * The study's default crop box (what its images without a box of their own are cropped to before they are
 * embedded): shown, suggested from a few of its images, set from the suggestion, or cleared.
 */
export function StudyCropPanel({ studyId, initial, canEdit }: StudyCropPanelProps) {
  const router = useRouter();
  const [current, setCurrent] = useState<Box | null>(initial);
  const [suggestion, setSuggestion] = useState<Suggestion | null | 'none'>(null);
  const [busy, setBusy] = useState<'suggesting' | 'saving' | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [saved, setSaved] = useState(false);

  const suggest = async () => {
    setBusy('suggesting');
    setError(null);
    setSaved(false);
    const result = await queryApiFromBrowser(suggestStudyCropBoxQuery, { studyId });
    setBusy(null);
    if (!result.ok) return setError(fieldErrorOf(result.error));
    setSuggestion(result.data.suggestStudyCropBox ?? 'none');
  };

  const save = async (box: Box | null) => {
    setBusy('saving');
    setError(null);
    const result = await queryApiFromBrowser(studyPageSetCropBoxMutation, { studyId, box });
    setBusy(null);
    if (!result.ok) return setError(fieldErrorOf(result.error));
    setCurrent(result.data.setStudyCropBox.cropBox ?? null);
    setSuggestion(null);
    setSaved(true);
    // The thumbnails below are drawn with the crop box.
    router.refresh();
  };

  return (
    <section className={styles.panel} aria-labelledby="study-crop" data-testid="study-crop">
      <h2 id="study-crop">Default crop box</h2>
      <p data-testid="study-crop-current">
        {current
          ? `${boxText(current)}: images without a box of their own are cropped to it before they are embedded.`
          : 'None: images without a box of their own are used whole.'}
      </p>
      {canEdit && (
        <div className={styles.actions}>
          <button type="button" className="button" onClick={() => void suggest()} disabled={busy !== null}>
            {busy === 'suggesting' ? 'Looking at the images…' : 'Suggest a default'}
          </button>
          {current && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void save(null)}
              disabled={busy !== null}
            >
              Clear the default
            </button>
          )}
        </div>
      )}
      {suggestion === 'none' && (
        <p className="muted" role="status" data-testid="study-crop-suggestion">
          No scan stands out from a black background in this study’s images; draw a box in the labeler
          instead.
        </p>
      )}
      {suggestion && suggestion !== 'none' && (
        <div role="status" data-testid="study-crop-suggestion">
          <p>
            {suggestion.isWholeImage
              ? `The scan fills the whole image (looked at ${suggestion.imageCount}): there is nothing around it to crop away.`
              : `Suggested from ${suggestion.imageCount} of its images: ${boxText(suggestion)}, the scan without the scanner’s text around it.`}
          </p>
          <button
            type="button"
            className="button"
            onClick={() =>
              void save({
                x: suggestion.x,
                y: suggestion.y,
                width: suggestion.width,
                height: suggestion.height,
              })
            }
            disabled={busy !== null || suggestion.isWholeImage}
          >
            Use it for the study
          </button>{' '}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setSuggestion(null)}
            disabled={busy !== null}
          >
            Dismiss
          </button>
        </div>
      )}
      {saved && (
        <p className="muted" role="status" data-testid="study-crop-saved">
          Saved. The images are embedded again under the new box, and a new model version follows.
        </p>
      )}
      <FieldErrorText error={error} />
    </section>
  );
}
