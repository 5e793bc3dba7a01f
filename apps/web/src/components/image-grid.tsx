import type { ImageSummary } from '../queries/study-query';
import { type CardSelection, ImageCard } from './image-card';

type ImageGridProps = {
  images: readonly ImageSummary[];
  datasetId: string;
  selection?: CardSelection | undefined;
};

/** A few images (one page), laid out by CSS alone (no JavaScript needed unless selecting). */
export function ImageGrid({ images, datasetId, selection }: ImageGridProps) {
  return (
    <ul className="image-grid" data-testid="image-grid" aria-label="Images">
      {images.map((image) => (
        <li key={image.id}>
          <ImageCard image={image} datasetId={datasetId} selection={selection} />
        </li>
      ))}
    </ul>
  );
}
