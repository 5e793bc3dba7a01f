import Link from 'next/link';
import type { ChangeEvent } from 'react';
import { selectionCheckboxName } from '../lib/image-selection';
import { labelPath } from '../lib/routes';
import type { ImageSummary } from '../queries/study-query';
import styles from './image-card.module.css';
import { LabelBadge } from './label-badge';

const percent = (probability: number) => `${Math.round(probability * 100)} %`;

/** A grid in selection mode: whether each card is selected, and what a click on its checkbox does. */
export type CardSelection = {
  isSelected: (imageId: string) => boolean;
  /** `range`: Shift was held (extend from the last image clicked). */
  onToggle: (imageId: string, range: boolean) => void;
};

/** Shift held during the click (mouse or Space) that changed a checkbox. */
function withShift(event: ChangeEvent<HTMLInputElement>): boolean {
  const native = event.nativeEvent;
  return 'shiftKey' in native && native.shiftKey === true;
}

type ImageCardProps = { image: ImageSummary; datasetId: string; selection?: CardSelection | undefined };

/**
 * One image of a grid: its thumbnail (a link to the labeler), file name, technologist text, label, and the
 * model's first guess with its confidence; an excluded image says so first. In selection mode, a checkbox
 * on the thumbnail selects it.
 */
export function ImageCard({ image, datasetId, selection }: ImageCardProps) {
  const annotation = image.annotation?.text.trim();
  const guess = image.prediction?.top1;
  const exclusion = image.exclusion;
  const selected = selection?.isSelected(image.id) ?? false;
  const classes = [
    'image-card',
    exclusion && 'image-card-excluded',
    selection && styles.selectable,
    selected && styles.selected,
  ];
  return (
    <figure
      className={classes.filter(Boolean).join(' ')}
      data-testid="image-card"
      data-image-id={image.id}
      data-excluded={exclusion ? 'true' : 'false'}
      data-selected={selection ? String(selected) : undefined}
    >
      {selection && (
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={selected}
            onChange={(event) => selection.onToggle(image.id, withShift(event))}
            data-testid="select-image"
          />
          <span className="visually-hidden">{selectionCheckboxName(image)}</span>
        </label>
      )}
      <Link
        className="image-card-link"
        href={labelPath(datasetId, image.id)}
        prefetch={false}
        aria-label={`Label ${image.sourceFileName} (${image.width} × ${image.height})`}
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
      </Link>
      <figcaption>
        <a
          className="image-card-name"
          href={image.originalUrl}
          target="_blank"
          rel="noreferrer"
          title={`Open the original ${image.sourceFileName} in a new tab`}
        >
          {image.sourceFileName}
        </a>
        <span className="image-card-annotation" data-testid="annotation">
          {annotation ? annotation : <em>No technologist text</em>}
        </span>
        <span className="image-card-badges">
          {exclusion && (
            <span
              className="badge badge-excluded"
              data-testid="excluded-badge"
              title={`Left out of training, evaluation and the review queue: ${exclusion.reason}`}
            >
              <span aria-hidden="true">⊘ </span>
              Excluded<span className="visually-hidden">: {exclusion.reason}</span>
            </span>
          )}
          <LabelBadge label={image.currentLabel} />
          {guess && (
            <span
              className="badge badge-prediction"
              data-testid="prediction-badge"
              title={`The model's first guess: ${guess.category.name}, ${percent(guess.probability)} confident`}
            >
              <span aria-hidden="true">≈ </span>
              <span className="visually-hidden">Model's guess: </span>
              {guess.category.name} {percent(guess.probability)}
            </span>
          )}
        </span>
      </figcaption>
    </figure>
  );
}
