import { formatEventTime } from '../../lib/exclusions';
import type { LabelerImage } from '../../queries/labeler-queries';
import styles from './labeler.module.css';

const SOURCE_WORDS: Record<string, string> = {
  TECHNOLOGIST: 'from the technologist’s text',
  IMPORT: 'at import',
  ANNOTATOR: 'by an annotator',
  MERGE: 'by a category merge',
  READER: 'by a reader',
};

/** Every label event of the image, newest first: what, how, and when. */
export function LabelHistory({ events }: { events: LabelerImage['labelHistory'] }) {
  return (
    <section className={styles.history} aria-labelledby="label-history-title">
      <h4 id="label-history-title">Label history</h4>
      {events.length === 0 ? (
        <p className="muted" data-testid="label-history-empty">
          Never labelled.
        </p>
      ) : (
        <ol data-testid="label-history">
          {events.map((event) => (
            <li key={event.id} data-testid="label-event">
              <strong>{event.category?.name ?? 'cleared'}</strong>{' '}
              <span className="muted">
                {event.isUndo
                  ? 'restored by undo'
                  : (SOURCE_WORDS[event.source] ?? event.source.toLowerCase())}{' '}
                · <time dateTime={event.createdAt}>{formatEventTime(event.createdAt)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
