import type { ImageSummary } from '../queries/study-query';
import { ImageCard } from './image-card';

/** A few images (one page), laid out by CSS alone (no JavaScript needed). */
export function ImageGrid({ images, datasetId }: { images: ImageSummary[]; datasetId: string }) {
  return (
    <ul className="image-grid" data-testid="image-grid" aria-label="Images">
      {images.map((image) => (
        <li key={image.id}>
          <ImageCard image={image} datasetId={datasetId} />
        </li>
      ))}
    </ul>
  );
}
