'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { gridLayout, gridRowCount, gridRowItems, isNearGridEnd } from '../lib/grid-layout';
import type { ImagePage } from '../queries/study-query';
import { ErrorPanel } from './error-panel';
import { type CardSelection, ImageCard } from './image-card';
import { useElementBox } from './use-element-box';
import { type ImagePages, type ImageSource, useImagePages } from './use-image-pages';

const minCellWidth = 180;
const gap = 16;
/** Height of a card's caption (file name, two lines of text, badge), used until rows are measured. */
const captionHeight = 96;
/** Load the next page when the last rendered row is this close to the end. */
const rowsBeforeEnd = 4;
/** Size assumed during server rendering, before the browser measures. */
const serverBox = { width: 1100, top: 0 };
const serverViewport = { width: 1100, height: 900 };

type VirtualImageGridProps = { datasetId: string; source: ImageSource; firstPage: ImagePage };

/** Many images (thousands stay smooth): only the rows near the viewport are in the DOM; more pages load on scroll. */
export function VirtualImageGrid({ datasetId, source, firstPage }: VirtualImageGridProps) {
  const pages = useImagePages(source, firstPage);
  return <VirtualImageRows datasetId={datasetId} pages={pages} />;
}

type VirtualImageRowsProps = { datasetId: string; pages: ImagePages; selection?: CardSelection | undefined };

/** The virtual grid over pages its parent holds (the Images screen patches them after a bulk action). */
export function VirtualImageRows({ datasetId, pages, selection }: VirtualImageRowsProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const box = useElementBox(containerRef, serverBox);
  const { columns, cellWidth } = gridLayout(box.width, minCellWidth, gap);
  const rowCount = gridRowCount(pages.images.length, columns);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => cellWidth + captionHeight + gap,
    overscan: 3,
    scrollMargin: box.top,
    initialRect: serverViewport,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRow = rows.at(-1)?.index ?? -1;
  const { hasNextPage, status, loadMore } = pages;

  useEffect(() => {
    if (hasNextPage && status === 'idle' && isNearGridEnd(lastRow, rowCount, rowsBeforeEnd)) void loadMore();
  }, [hasNextPage, status, lastRow, rowCount, loadMore]);

  return (
    <div ref={containerRef} data-testid="image-grid" data-virtual="true">
      <section aria-label="Images" className="virtual-grid" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <ul
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="virtual-grid-row"
            style={{
              transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {gridRowItems(pages.images, row.index, columns).map((image, column) => (
              <li
                key={image.id}
                aria-setsize={pages.totalCount}
                aria-posinset={row.index * columns + column + 1}
              >
                <ImageCard image={image} datasetId={datasetId} selection={selection} />
              </li>
            ))}
          </ul>
        ))}
      </section>
      <p className="grid-status" aria-live="polite" data-testid="grid-status">
        {status === 'loading' ? 'Loading more images… ' : ''}
        Showing {pages.images.length.toLocaleString('en')} of {pages.totalCount.toLocaleString('en')} images
      </p>
      {pages.error && (
        <ErrorPanel
          title="More images could not be loaded"
          error={pages.error}
          action={
            <button type="button" className="button" onClick={() => void loadMore()}>
              Try again
            </button>
          }
        />
      )}
    </div>
  );
}
