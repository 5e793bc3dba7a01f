import { formatEventTime } from '../../lib/exclusions';
import { labelEventWords } from '../../lib/label-history';
import type { LabelerImage } from '../../queries/labeler-queries';
import styles from './labeler.module.css';

/** Every label event of the image, newest first: what, how, by whom, and when. */
export function LabelHistory({
  events,
  viewerUserId,
}: {
  events: LabelerImage['labelHistory'];
  viewerUserId: string | null;
}) {
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
                {labelEventWords(event, viewerUserId)} ·{' '}
                <time dateTime={event.createdAt}>{formatEventTime(event.createdAt)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
