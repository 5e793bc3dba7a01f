import type { ImageSummary } from '../queries/study-query';
import { ImageCard } from './image-card';

/** All images of a small study, laid out by CSS alone (no JavaScript needed). */
export function ImageGrid({ images }: { images: ImageSummary[] }) {
  return (
    <ul className="image-grid" data-testid="image-grid" aria-label="Images">
      {images.map((image) => (
        <li key={image.id}>
          <ImageCard image={image} />
        </li>
      ))}
    </ul>
  );
}
