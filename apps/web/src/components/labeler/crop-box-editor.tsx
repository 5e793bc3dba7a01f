'use client';

import { type FormEvent, type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import {
  type Box,
  boxFromDrag,
  type Handle,
  handles,
  moveBox,
  nudgeBox,
  type Point,
  resizeBox,
  sameBox,
} from '../../lib/crop-box';
import type { LabelerImage } from '../../queries/labeler-queries';
import styles from './labeler.module.css';

type Drag =
  | { kind: 'draw'; start: Point }
  | { kind: 'move'; start: Point; from: Box }
  | { kind: 'resize'; start: Point; from: Box; handle: Handle };

export type CropSaveResult = { ok: true } | { ok: false; error: ApiError };
export type CropSuggestResult =
  | { ok: true; box: (Box & { isWholeImage: boolean }) | null }
  | { ok: false; error: ApiError };

type CropBoxEditorProps = {
  image: LabelerImage;
  /** Saves the image's own box (null clears it). */
  onSave: (box: Box | null) => Promise<CropSaveResult>;
  /** Makes the box every image of the study's default. */
  onApplyToStudy: (box: Box) => Promise<CropSaveResult>;
  /** Asks for the box of the scan without the scanner's text around it; nothing is saved. */
  onSuggest: () => Promise<CropSuggestResult>;
};

const NUDGE_SAVE_DELAY_MS = 400;

const boxOf = (image: LabelerImage): Box | null =>
  image.cropBox
    ? { x: image.cropBox.x, y: image.cropBox.y, width: image.cropBox.width, height: image.cropBox.height }
    : null;

const HANDLE_POSITION: Record<Handle, (box: Box) => Point> = {
  nw: (b) => ({ x: b.x, y: b.y }),
  n: (b) => ({ x: b.x + b.width / 2, y: b.y }),
  ne: (b) => ({ x: b.x + b.width, y: b.y }),
  e: (b) => ({ x: b.x + b.width, y: b.y + b.height / 2 }),
  se: (b) => ({ x: b.x + b.width, y: b.y + b.height }),
  s: (b) => ({ x: b.x + b.width / 2, y: b.y + b.height }),
  sw: (b) => ({ x: b.x, y: b.y + b.height }),
  w: (b) => ({ x: b.x, y: b.y + b.height / 2 }),
};

/**
 * The image, large, with its crop box on it: drag on the image to draw a box, drag the box to move it, its
 * handles to resize it; with the box focused, the arrow keys move it (Shift: 10 px, Alt: resize). Every
 * change is saved; the numbers below edit it exactly, and what the API refuses is shown there.
 */
export function CropBoxEditor({ image, onSave, onApplyToStudy, onSuggest }: CropBoxEditorProps) {
  const size = { width: image.width, height: image.height };
  const saved = boxOf(image);
  const [draft, setDraftState] = useState<Box | null>(saved);
  // The box as last drawn, for the pointer-up that ends a drag (state may not have re-rendered yet).
  const latest = useRef<Box | null>(saved);
  const setDraft = (box: Box | null) => {
    latest.current = box;
    setDraftState(box);
  };
  const [fields, setFields] = useState(() => fieldsOf(saved));
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  /** What the last suggestion did, until the box is edited, saved or another image is shown. */
  const [suggestion, setSuggestion] = useState<'finding' | 'drawn' | 'whole' | 'none' | null>(null);
  const drag = useRef<Drag | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const nudgeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const savedKey = saved ? `${saved.x},${saved.y},${saved.width},${saved.height}` : 'none';

  /** Set while the box on screen holds an edit not stored yet: a save answered meanwhile must not undo it. */
  const dirty = useRef(false);
  const edit = (box: Box | null) => {
    dirty.current = true;
    setDraft(box);
  };
  const shownImage = useRef(image.id);

  // Another image starts afresh; on the same image, the stored box is drawn unless an edit is pending.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by image and stored box
  useEffect(() => {
    if (shownImage.current !== image.id) {
      shownImage.current = image.id;
      dirty.current = false;
      setError(null);
      setStatus('idle');
      setSuggestion(null);
    }
    if (dirty.current) return;
    setDraft(saved);
    setFields(fieldsOf(saved));
  }, [image.id, savedKey]);

  useEffect(() => () => clearTimeout(nudgeTimer.current), []);

  const save = async (box: Box | null) => {
    clearTimeout(nudgeTimer.current);
    setSuggestion(null);
    setStatus('saving');
    const result = await onSave(box);
    if (result.ok) {
      // Stored as drawn: later answers may redraw it. An edit made meanwhile stays pending.
      if (sameBox(latest.current, box)) dirty.current = false;
      setError(null);
      setStatus('saved');
    } else {
      setError(result.error);
      setStatus('idle');
    }
  };

  /** Draws the suggested box for the annotator to check; it is saved like any other box, by Save box. */
  const suggest = async () => {
    const shownId = image.id;
    setSuggestion('finding');
    const result = await onSuggest();
    if (shownImage.current !== shownId) return;
    if (!result.ok) {
      setSuggestion(null);
      setError(result.error);
      return;
    }
    setError(null);
    if (!result.box) {
      setSuggestion('none');
      return;
    }
    const box = { x: result.box.x, y: result.box.y, width: result.box.width, height: result.box.height };
    edit(box);
    setFields(fieldsOf(box));
    setStatus('idle');
    setSuggestion(result.box.isWholeImage ? 'whole' : 'drawn');
  };

  const pointAt = (event: PointerEvent): Point => {
    const rect = svg.current!.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * image.width,
      y: ((event.clientY - rect.top) / rect.height) * image.height,
    };
  };

  const startDrag = (event: PointerEvent, next: Drag) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    svg.current?.setPointerCapture(event.pointerId);
    svg.current?.focus({ preventScroll: true });
    drag.current = next;
  };

  const onPointerMove = (event: PointerEvent) => {
    const current = drag.current;
    if (!current) return;
    const point = pointAt(event);
    const dx = point.x - current.start.x;
    const dy = point.y - current.start.y;
    if (current.kind === 'draw') {
      const drawn = boxFromDrag(current.start, point, size);
      if (drawn) edit(drawn);
    } else if (current.kind === 'move') edit(moveBox(current.from, dx, dy, size));
    else edit(resizeBox(current.from, current.handle, dx, dy, size));
  };

  const onPointerUp = (event: PointerEvent) => {
    if (!drag.current) return;
    drag.current = null;
    svg.current?.releasePointerCapture(event.pointerId);
    const drawn = latest.current;
    setFields(fieldsOf(drawn));
    if (!sameBox(drawn, saved)) void save(drawn);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!draft) return;
    const next = nudgeBox(draft, event.key, { shift: event.shiftKey, alt: event.altKey }, size);
    if (!next) return;
    event.preventDefault();
    event.stopPropagation();
    edit(next);
    setFields(fieldsOf(next));
    clearTimeout(nudgeTimer.current);
    nudgeTimer.current = setTimeout(() => void save(next), NUDGE_SAVE_DELAY_MS);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const box = boxFromFields(fields);
    if (!box) {
      setError({
        code: 'GRAPHQL_ERROR',
        message: 'Enter whole numbers for x, y, width and height.',
        details: [],
      });
      return;
    }
    // Sent as typed: the API says what does not fit, and the numbers stay for a fix. Once stored, it is drawn.
    dirty.current = false;
    void save(box);
  };

  const applyToStudy = async () => {
    if (!draft) return;
    setStatus('saving');
    const result = await onApplyToStudy(draft);
    setStatus(result.ok ? 'saved' : 'idle');
    setError(result.ok ? null : result.error);
  };

  const ratio = image.width / image.height;
  const strokeWidth = Math.max(image.width, image.height) / 300;
  const handleSize = Math.max(image.width, image.height) / 60;
  return (
    <div className={styles.cropEditor}>
      <div className={styles.stage} style={{ ['--ratio' as string]: ratio }}>
        {/* biome-ignore lint/performance/noImgElement: the original bytes from the API, preloaded by the labeler */}
        <img
          key={image.id}
          className={styles.image}
          src={image.originalUrl}
          alt={`${image.sourceFileName}${image.annotation ? `, text “${image.annotation.text}”` : ''}`}
          width={image.width}
          height={image.height}
          draggable={false}
          data-testid="labeler-image"
          data-image-id={image.id}
        />
        <svg
          ref={svg}
          className={styles.overlay}
          viewBox={`0 0 ${image.width} ${image.height}`}
          preserveAspectRatio="none"
          role="application"
          aria-label={
            draft
              ? `Crop box at ${draft.x}, ${draft.y}, ${draft.width} × ${draft.height} pixels. Arrow keys move it, Alt+arrows resize it.`
              : 'No crop box. Drag on the image to draw one.'
          }
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the box is moved with the arrow keys when focused
          tabIndex={0}
          data-testid="crop-editor"
          data-crop-editor=""
          onKeyDown={onKeyDown}
          // No text selection or focus juggling while dragging: focus goes to the box (see startDrag).
          onMouseDown={(event) => event.preventDefault()}
          onPointerDown={(event) => startDrag(event, { kind: 'draw', start: pointAt(event) })}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          {draft && (
            <>
              <path
                className={styles.shade}
                fillRule="evenodd"
                d={`M0 0H${image.width}V${image.height}H0Z M${draft.x} ${draft.y}h${draft.width}v${draft.height}h${-draft.width}Z`}
              />
              <rect
                className={styles.box}
                data-testid="crop-box"
                data-box={`${draft.x},${draft.y},${draft.width},${draft.height}`}
                x={draft.x}
                y={draft.y}
                width={draft.width}
                height={draft.height}
                strokeWidth={strokeWidth}
                onPointerDown={(event) =>
                  startDrag(event, { kind: 'move', start: pointAt(event), from: draft })
                }
              />
              {handles.map((handle) => {
                const at = HANDLE_POSITION[handle](draft);
                return (
                  <rect
                    key={handle}
                    className={styles.handle}
                    data-testid={`crop-handle-${handle}`}
                    data-handle={handle}
                    x={at.x - handleSize / 2}
                    y={at.y - handleSize / 2}
                    width={handleSize}
                    height={handleSize}
                    strokeWidth={strokeWidth / 2}
                    onPointerDown={(event) =>
                      startDrag(event, { kind: 'resize', start: pointAt(event), from: draft, handle })
                    }
                  />
                );
              })}
            </>
          )}
        </svg>
      </div>
      <form className={styles.cropForm} onSubmit={onSubmit} aria-label="Crop box">
        <span className={styles.cropScope} data-testid="crop-scope">
          {image.cropBox
            ? image.cropBox.scope === 'STUDY'
              ? 'Crop: the study’s default'
              : 'Crop: this image’s own box'
            : 'Crop: the whole image'}
        </span>
        {(['x', 'y', 'width', 'height'] as const).map((field) => (
          <label key={field} className={styles.cropField}>
            {field}
            <input
              type="number"
              inputMode="numeric"
              value={fields[field]}
              onChange={(event) => setFields((current) => ({ ...current, [field]: event.target.value }))}
            />
          </label>
        ))}
        <button type="submit" className="button">
          Save box
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            edit(null);
            setFields(fieldsOf(null));
            void save(null);
          }}
          disabled={!saved}
        >
          Clear box
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void applyToStudy()}
          disabled={!draft}
        >
          Apply the box to the whole study
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void suggest()}
          disabled={suggestion === 'finding'}
          title="The box of the scan, without the scanner's text and marks around it"
        >
          Suggest a box
        </button>
        <span className="muted" role="status" data-testid="crop-status">
          {status === 'saving'
            ? 'Saving…'
            : status === 'saved'
              ? 'Saved'
              : suggestion
                ? SUGGESTION_NOTE[suggestion]
                : ''}
        </span>
      </form>
      {error && (
        <div
          className={styles.inlineError}
          role="alert"
          data-testid="crop-error"
          data-error-code={error.code}
        >
          <strong>The crop box was not saved.</strong> {error.message}
          {error.details.length > 0 && (
            <ul>
              {error.details.map((detail) => (
                <li key={detail}>
                  <code>{detail}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

const SUGGESTION_NOTE = {
  finding: 'Looking for the scan…',
  drawn:
    'Suggested: the scan without the text around it. Check it, then Save box (or apply it to the study).',
  whole: 'The scan fills the whole image: there is nothing around it to crop away.',
  none: 'No scan stands out from a black background here; draw the box yourself.',
} as const;

type Fields = { x: string; y: string; width: string; height: string };

function fieldsOf(box: Box | null): Fields {
  return box
    ? { x: String(box.x), y: String(box.y), width: String(box.width), height: String(box.height) }
    : { x: '', y: '', width: '', height: '' };
}

function boxFromFields(fields: Fields): Box | null {
  const values = [fields.x, fields.y, fields.width, fields.height].map((value) =>
    value.trim() === '' ? Number.NaN : Number(value),
  );
  if (!values.every(Number.isInteger)) return null;
  const [x, y, width, height] = values as [number, number, number, number];
  return { x, y, width, height };
}
