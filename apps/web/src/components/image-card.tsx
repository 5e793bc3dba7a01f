import type { ImageSummary } from '../queries/study-query';
import { LabelBadge } from './label-badge';

/** One image of a study: its thumbnail (a link to the original), file name, technologist text and label. */
export function ImageCard({ image }: { image: ImageSummary }) {
  const annotation = image.annotation?.text.trim();
  return (
    <figure className="image-card" data-testid="image-card" data-image-id={image.id}>
      <a
        className="image-card-link"
        href={image.originalUrl}
        target="_blank"
        rel="noreferrer"
        aria-label={`Open ${image.sourceFileName} (${image.width} × ${image.height}) in a new tab`}
      >
        {/* The API serves cropped, resized PNG thumbnails already; next/image would only resize them again. */}
        {/* biome-ignore lint/performance/noImgElement: thumbnails come from the API */}
        <img
          src={image.thumbnailUrl}
          alt={annotation ? `Ultrasound image, technologist text: ${annotation}` : 'Ultrasound image'}
          loading="lazy"
          decoding="async"
          width={256}
          height={256}
          data-testid="thumbnail"
        />
      </a>
      <figcaption>
        <span className="image-card-name" title={image.sourceFileName}>
          {image.sourceFileName}
        </span>
        <span className="image-card-annotation" data-testid="annotation">
          {annotation ? annotation : <em>No technologist text</em>}
        </span>
        <LabelBadge label={image.currentLabel} />
      </figcaption>
    </figure>
  );
}
