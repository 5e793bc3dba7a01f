'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { matchCountText, noLongerMatching, noLongerMatchingText } from '../../lib/bulk-actions';
import {
  deselect,
  emptySelection,
  type ImageSelection,
  selectAll,
  selectedInOrder,
  toggleImage,
} from '../../lib/image-selection';
import { datasetImagesQuery } from '../../queries/dataset-images-query';
import type { ImagePage, ImageSummary } from '../../queries/study-query';
import type { CardSelection } from '../image-card';
import { ImageGrid } from '../image-grid';
import { type ImageSource, useImagePages } from '../use-image-pages';
import { VirtualImageRows } from '../virtual-image-grid';
import { BulkActionBar } from './bulk-action-bar';
import styles from './bulk-action-bar.module.css';

type DatasetImageSource = Extract<ImageSource, { kind: 'dataset' }>;

type ImageBrowserProps = {
  datasetId: string;
  source: DatasetImageSource;
  firstPage: ImagePage;
  /** Whether any filter is set: the count then says how many match them. */
  filtered: boolean;
  /** The categories images may be labelled with (archived ones are not). */
  categories: readonly { id: string; name: string }[];
  canLabel: boolean;
  canCurate: boolean;
};

/** A count the screen asked for after an action, and the loaded pages it is newer than. */
type Recount = { total: number; pagesAt: string };

const noIds: ReadonlySet<string> = new Set();

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The Images screen's count, its grid (virtual when there is more than one page) and, for those who may
 * label or curate, a selection mode to act on many images at once. The screen mounts it anew for every set
 * of filters (its key), so a selection never carries images the filters no longer show.
 *
 * After an action the count is asked of the API again (the action may have moved images out of the
 * filters). The images it moved out stay in view, so that nothing jumps under the pointer and a mistake is
 * easy to undo, and the screen says how many they are, with a way to take them off the list.
 */
export function ImageBrowser({
  datasetId,
  source,
  firstPage,
  filtered,
  categories,
  canLabel,
  canCurate,
}: ImageBrowserProps) {
  const pages = useImagePages(source, firstPage);
  const [virtual] = useState(firstPage.pageInfo.hasNextPage);
  const [selecting, setSelecting] = useState(false);
  const [selection, setSelection] = useState<ImageSelection>(emptySelection);
  /** Images shown that an action moved out of the filters. */
  const [unmatched, setUnmatched] = useState(noIds);
  /** Images taken off the list (they no longer matched). */
  const [removed, setRemoved] = useState(noIds);
  const [recount, setRecount] = useState<Recount | null>(null);
  const [countError, setCountError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const { patch } = pages;

  const shown = useMemo(
    () => (removed.size === 0 ? pages.images : pages.images.filter((image) => !removed.has(image.id))),
    [pages.images, removed],
  );
  const order = useMemo(() => shown.map((image) => image.id), [shown]);
  const orderRef = useRef(order);
  orderRef.current = order;

  // A page loaded after the recount brings a newer count still.
  const pagesAt = `${pages.images.length}:${pages.endCursor ?? ''}`;
  const pagesAtRef = useRef(pagesAt);
  pagesAtRef.current = pagesAt;
  const count = recount?.pagesAt === pagesAt ? recount.total : pages.totalCount;

  const counting = useRef<AbortController | null>(null);
  useEffect(() => () => counting.current?.abort(), []);

  const countAgain = useCallback(async () => {
    counting.current?.abort();
    const controller = new AbortController();
    counting.current = controller;
    const variables = {
      id: source.datasetId,
      first: 0,
      after: null,
      filter: source.filter,
      orderBy: null,
      withChoices: false,
    };
    try {
      const result = await queryApiFromBrowser(datasetImagesQuery, variables, controller.signal);
      if (controller.signal.aborted) return;
      if (!result.ok) {
        setCountError(result.error);
      } else if (!result.data.dataset) {
        setCountError({ code: 'BAD_RESPONSE', message: 'This dataset no longer exists.', details: [] });
      } else {
        setRecount({ total: result.data.dataset.images.totalCount, pagesAt: pagesAtRef.current });
        setCountError(null);
      }
    } catch (error) {
      // A newer count, or leaving the screen, aborts the request on purpose.
      if (!isAbort(error)) throw error;
    } finally {
      if (counting.current === controller) counting.current = null;
    }
  }, [source.datasetId, source.filter]);

  const onToggle = useCallback((imageId: string, range: boolean) => {
    if (busy.current) return;
    setSelection((current) => toggleImage(current, orderRef.current, imageId, range));
  }, []);

  const cardSelection = useMemo<CardSelection | undefined>(
    () => (selecting ? { isSelected: (imageId) => selection.ids.has(imageId), onToggle } : undefined),
    [selecting, selection, onToggle],
  );

  const selected = useMemo(() => {
    const byId = new Map(shown.map((image) => [image.id, image]));
    return selectedInOrder(selection, order).flatMap((imageId) => byId.get(imageId) ?? []);
  }, [shown, selection, order]);

  const onApplied = useCallback(
    (updated: readonly ImageSummary[], doneIds: readonly string[], complete: boolean) => {
      patch(updated);
      setUnmatched((current) => noLongerMatching(current, updated, source.filter));
      setSelection((current) => (complete ? emptySelection : deselect(current, doneIds)));
      if (doneIds.length > 0) void countAgain();
    },
    [patch, source.filter, countAgain],
  );

  const removeUnmatched = () => {
    if (busy.current) return;
    setRemoved((current) => new Set([...current, ...unmatched]));
    setSelection((current) => deselect(current, unmatched));
    setUnmatched(noIds);
  };

  // The virtual grid counts what the list holds: the images that match, and those shown that no longer do.
  const listed = { ...pages, images: shown, totalCount: count + unmatched.size };

  const mayAct = (canLabel || canCurate) && (shown.length > 0 || selecting);
  const empty = shown.length === 0 && !pages.hasNextPage;
  return (
    <>
      <p className="muted" data-testid="images-summary" aria-live="polite">
        {matchCountText(count, filtered)}
      </p>
      <div aria-live="polite">
        {unmatched.size > 0 && (
          <p className={styles.unmatched} data-testid="no-longer-matching">
            <span>{noLongerMatchingText(unmatched.size)}</span>
            <button type="button" className="button button-quiet" onClick={removeUnmatched}>
              Remove {unmatched.size === 1 ? 'it' : 'them'} from the list
            </button>
          </p>
        )}
        {countError && (
          <p className={styles.unmatched} data-testid="count-error">
            <span>
              The count could not be updated ({countError.message.replace(/[.\s]+$/, '')}); the one shown is
              from when the images were loaded.
            </span>
            <button type="button" className="button button-quiet" onClick={() => void countAgain()}>
              Count again
            </button>
          </p>
        )}
      </div>
      {mayAct && (
        <div className={styles.modeRow}>
          <button
            type="button"
            className={selecting ? 'button' : 'button button-quiet'}
            aria-pressed={selecting}
            onClick={() => {
              if (busy.current) return;
              setSelecting((current) => !current);
              setSelection(emptySelection);
            }}
            data-testid="selection-mode"
          >
            {selecting ? 'Done selecting' : 'Select images'}
          </button>
          {selecting && (
            <span className={styles.hint}>
              Shift+click selects every image between the last one clicked and this one.
            </span>
          )}
        </div>
      )}
      {mayAct && selecting && (
        <BulkActionBar
          selected={selected}
          loadedCount={shown.length}
          totalCount={count}
          categories={categories}
          canLabel={canLabel}
          canCurate={canCurate}
          onSelectAll={() => setSelection((current) => selectAll(current, orderRef.current))}
          onClear={() => setSelection(emptySelection)}
          onBusy={(value) => {
            busy.current = value;
          }}
          onApplied={onApplied}
        />
      )}
      {empty ? (
        <p className="empty" data-testid="no-images">
          No images match these filters.
        </p>
      ) : virtual ? (
        <VirtualImageRows datasetId={datasetId} pages={listed} selection={cardSelection} />
      ) : (
        <ImageGrid images={shown} datasetId={datasetId} selection={cardSelection} />
      )}
    </>
  );
}
