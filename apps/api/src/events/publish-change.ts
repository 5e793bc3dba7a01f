import { type ChangeEvent, publishEvent } from '@loupe/db';
import type { AppContext } from '../app-context';

/**
 * Tells subscribers about a change that has committed. A failure is logged and never fails the change
 * itself: subscribers miss one event, the data is saved.
 */
export async function publishChange(ctx: AppContext, event: ChangeEvent): Promise<void> {
  try {
    await publishEvent(ctx.database.db, event);
  } catch (error) {
    ctx.logger.error(
      { err: error, event: event.type, datasetId: event.datasetId },
      'could not publish a change',
    );
  }
}
