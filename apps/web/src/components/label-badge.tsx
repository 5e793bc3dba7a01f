import type { ImageLabel } from '../queries/study-query';

function describeSource(source: string): string {
  return source.replace(/[_-]+/g, ' ').toLowerCase();
}

/**
 * The image's current label: its category, or a muted "Unlabelled" badge when there is none, whether it
 * never had one or its label was cleared (the API's `labelled` filter counts both as unlabelled).
 */
export function LabelBadge({ label }: { label: ImageLabel | null }) {
  if (!label?.category) {
    return (
      <span
        className="badge badge-empty"
        data-testid="label-badge"
        title={label ? `Label cleared by ${describeSource(label.source)}` : undefined}
      >
        Unlabelled
      </span>
    );
  }
  const name = label.category.name;
  const source = describeSource(label.source);
  return (
    <span className="badge" data-testid="label-badge" title={`Labelled ${name} by ${source}`}>
      {name}
      <span className="visually-hidden"> (by {source})</span>
    </span>
  );
}
