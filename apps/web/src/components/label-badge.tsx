import type { ImageLabel } from '../queries/study-query';

function describeSource(source: string): string {
  return source.replace(/[_-]+/g, ' ').toLowerCase();
}

/** The image's current label: its category, or a muted badge when there is none. */
export function LabelBadge({ label }: { label: ImageLabel | null }) {
  if (!label) {
    return (
      <span className="badge badge-empty" data-testid="label-badge">
        Unlabelled
      </span>
    );
  }
  const name = label.category?.name ?? 'No category';
  const source = describeSource(label.source);
  return (
    <span
      className={label.category ? 'badge' : 'badge badge-empty'}
      data-testid="label-badge"
      title={`Labelled ${name} by ${source}`}
    >
      {name}
      <span className="visually-hidden"> (by {source})</span>
    </span>
  );
}
