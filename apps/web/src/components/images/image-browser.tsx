'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import {
  deselect,
  emptySelection,
  type ImageSelection,
  selectAll,
  selectedInOrder,
  toggleImage,
} from '../../lib/image-selection';
import type { ImagePage, ImageSummary } from '../../queries/study-query';
import type { CardSelection } from '../image-card';
import { ImageGrid } from '../image-grid';
import { type ImageSource, useImagePages } from '../use-image-pages';
import { VirtualImageRows } from '../virtual-image-grid';
import { BulkActionBar } from './bulk-action-bar';
import styles from './bulk-action-bar.module.css';

type ImageBrowserProps = {
  datasetId: string;
  source: ImageSource;
  firstPage: ImagePage;
  /** The categories images may be labelled with (archived ones are not). */
  categories: readonly { id: string; name: string }[];
  canLabel: boolean;
  canCurate: boolean;
};

/**
 * The Images screen's grid (virtual when there is more than one page) and, for those who may label or
 * curate, a selection mode to act on many images at once. The screen mounts it anew for every set of
 * filters (its key), so a selection never carries images the filters no longer show.
 */
export function ImageBrowser({
  datasetId,
  source,
  firstPage,
  categories,
  canLabel,
  canCurate,
}: ImageBrowserProps) {
  const pages = useImagePages(source, firstPage);
  const [virtual] = useState(firstPage.pageInfo.hasNextPage);
  const [selecting, setSelecting] = useState(false);
  const [selection, setSelection] = useState<ImageSelection>(emptySelection);
  const busy = useRef(false);
  const order = useMemo(() => pages.images.map((image) => image.id), [pages.images]);
  const orderRef = useRef(order);
  orderRef.current = order;
  const { patch } = pages;

  const onToggle = useCallback((imageId: string, range: boolean) => {
    if (busy.current) return;
    setSelection((current) => toggleImage(current, orderRef.current, imageId, range));
  }, []);

  const cardSelection = useMemo<CardSelection | undefined>(
    () => (selecting ? { isSelected: (imageId) => selection.ids.has(imageId), onToggle } : undefined),
    [selecting, selection, onToggle],
  );

  const selected = useMemo(() => {
    const byId = new Map(pages.images.map((image) => [image.id, image]));
    return selectedInOrder(selection, order).flatMap((imageId) => byId.get(imageId) ?? []);
  }, [pages.images, selection, order]);

  const onApplied = useCallback(
    (updated: readonly ImageSummary[], doneIds: readonly string[], complete: boolean) => {
      patch(updated);
      setSelection((current) => (complete ? emptySelection : deselect(current, doneIds)));
    },
    [patch],
  );

  const mayAct = canLabel || canCurate;
  return (
    <>
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
          loadedCount={pages.images.length}
          totalCount={pages.totalCount}
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
      {virtual ? (
        <VirtualImageRows datasetId={datasetId} pages={pages} selection={cardSelection} />
      ) : (
        <ImageGrid images={pages.images} datasetId={datasetId} selection={cardSelection} />
      )}
    </>
  );
}
