import type { ImageFilter } from '../gql/operations';
import { formatCount } from './format';

/** The most images the API's bulk mutations take at once (bulkLabel, excludeImages, includeImages). */
export const BULK_CHUNK_SIZE = 500;

/** What the Images screen does to its selection. */
export type BulkAction =
  | { kind: 'label'; category: { id: string; name: string } | null }
  | { kind: 'exclude'; reason: string }
  | { kind: 'include' };

/** `items` in consecutive slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size = BULK_CHUNK_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`A chunk holds at least one item, not ${size}.`);
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}

/**
 * The selected images an action is sent for, in the order given, and how many it leaves alone: excluding
 * skips images excluded already (they keep their reason), including skips images in use. Labelling takes all.
 */
export function actionTargets(
  action: BulkAction,
  images: readonly { id: string; exclusion: unknown }[],
): { ids: string[]; skipped: number } {
  const wanted =
    action.kind === 'label'
      ? images
      : images.filter((image) => (image.exclusion != null) === (action.kind === 'include'));
  return { ids: wanted.map((image) => image.id), skipped: images.length - wanted.length };
}

/** A chunk the API refused: its place (0-based), and the positions (1-based) of its first and last image. */
export type ChunkFailure<E> = { index: number; first: number; last: number; error: E };

export type ChunkedRun<T, E> = {
  total: number;
  chunkCount: number;
  /** The ids of every chunk the API accepted. */
  doneIds: string[];
  /** What the API returned for them, in order. */
  results: T[];
  failure: ChunkFailure<E> | null;
};

type ChunkResult<T, E> = { ok: true; data: readonly T[] } | { ok: false; error: E };

/**
 * Sends `ids` in chunks of `size`, one after the other, and stops at the first chunk refused (each chunk
 * is all or nothing at the API, so the chunks before it stay done and the ones after it are not sent).
 * `onProgress` hears how many are done after each chunk.
 */
export async function runInChunks<T, E>(
  ids: readonly string[],
  send: (chunk: string[]) => Promise<ChunkResult<T, E>>,
  { size = BULK_CHUNK_SIZE, onProgress }: { size?: number; onProgress?: (done: number) => void } = {},
): Promise<ChunkedRun<T, E>> {
  const slices = chunks(ids, size);
  const run: ChunkedRun<T, E> = {
    total: ids.length,
    chunkCount: slices.length,
    doneIds: [],
    results: [],
    failure: null,
  };
  for (const [index, slice] of slices.entries()) {
    const result = await send(slice);
    if (!result.ok) {
      const first = run.doneIds.length + 1;
      run.failure = { index, first, last: first + slice.length - 1, error: result.error };
      break;
    }
    run.doneIds.push(...slice);
    run.results.push(...result.data);
    onProgress?.(run.doneIds.length);
  }
  return run;
}

type Words = { done: (count: string) => string; none: string; stay: string; doing: string };

function words(action: BulkAction): Words {
  switch (action.kind) {
    case 'label':
      return action.category
        ? {
            done: (count) => `Labelled ${count} as ${action.category?.name}`,
            none: 'No image was labelled',
            stay: 'labelled',
            doing: 'Labelling',
          }
        : {
            done: (count) => `Cleared the labels of ${count}`,
            none: 'No label was cleared',
            stay: 'cleared',
            doing: 'Clearing the labels of',
          };
    case 'exclude':
      return {
        done: (count) => `Excluded ${count}`,
        none: 'No image was excluded',
        stay: 'excluded',
        doing: 'Excluding',
      };
    case 'include':
      return {
        done: (count) => `Included ${count} again`,
        none: 'No image was included again',
        stay: 'in use',
        doing: 'Including',
      };
  }
}

function skippedText(action: BulkAction, skipped: number): string {
  if (skipped === 0 || action.kind === 'label') return '';
  const were = skipped === 1 ? 'was' : 'were';
  return action.kind === 'exclude'
    ? ` ${formatCount(skipped, 'image')} ${were} excluded already.`
    : ` ${formatCount(skipped, 'image')} ${were} in use already.`;
}

/** "Labelling 500 of 730 images…": where a run stands. */
export function progressText(action: BulkAction, done: number, total: number): string {
  return `${words(action).doing} ${done.toLocaleString('en')} of ${formatCount(total, 'image')}…`;
}

/** What came of a run, for people: `message` is the API's sentence for a refused chunk. */
export function outcomeText(
  action: BulkAction,
  run: Pick<ChunkedRun<unknown, unknown>, 'total' | 'chunkCount' | 'doneIds' | 'failure'>,
  skipped = 0,
  message = '',
): string {
  const w = words(action);
  const skippedPart = skippedText(action, skipped);
  if (run.total === 0) {
    const what = action.kind === 'exclude' ? 'excluded already' : 'in use already';
    return `Nothing to do: the selected images are ${what}.`;
  }
  const because = message ? `: ${message.replace(/[.\s]+$/, '')}` : '';
  const { failure } = run;
  if (!failure) return `${w.done(formatCount(run.total, 'image'))}.${skippedPart}`;
  const done = run.doneIds.length;
  const batch =
    run.chunkCount > 1
      ? `batch ${failure.index + 1} of ${run.chunkCount} (images ${failure.first.toLocaleString('en')}–${failure.last.toLocaleString('en')}) was refused`
      : 'the API refused';
  const sentAfter = failure.index + 1 < run.chunkCount ? ' Nothing after it was sent.' : '';
  if (done === 0) {
    return run.chunkCount > 1
      ? `${w.none}. ${capitalised(batch)}${because}.${sentAfter}`
      : `${w.none}. The API refused${because}.`;
  }
  return (
    `${w.done(`${done.toLocaleString('en')} of ${formatCount(run.total, 'image')}`)}, then ${batch}${because}.` +
    ` The ${done.toLocaleString('en')} done stay ${w.stay}.${sentAfter}`
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What of an image a bulk action may change, and what the filter conditions on it read. */
export type ActedImage = {
  id: string;
  currentLabel: { source: string; category: { id: string } | null } | null;
  exclusion: unknown;
  prediction: { top1: { category: { id: string } } | null } | null;
};

/**
 * Whether an image the Images screen listed under `filter` still matches it after a bulk action, as the API
 * decides (see ImageFilter). Only the conditions on the current label and the exclusion are checked: the
 * image met every other one when it was listed, and no bulk action changes what they read.
 */
export function stillMatches(
  filter: Partial<ImageFilter> | null | undefined,
  image: Omit<ActedImage, 'id'>,
): boolean {
  if (!filter) return true;
  const label = image.currentLabel;
  const categoryId = label?.category?.id ?? null;
  if (filter.categoryIds && (categoryId === null || !filter.categoryIds.includes(categoryId))) return false;
  if (filter.labelSources && (!label || !(filter.labelSources as readonly string[]).includes(label.source)))
    return false;
  if (typeof filter.labelled === 'boolean' && (categoryId !== null) !== filter.labelled) return false;
  if (typeof filter.disagreesWithLabel === 'boolean') {
    if (!image.prediction || categoryId === null) return false;
    const guess = image.prediction.top1?.category.id ?? null;
    if ((categoryId !== guess) !== filter.disagreesWithLabel) return false;
  }
  if (typeof filter.excluded === 'boolean' && (image.exclusion != null) !== filter.excluded) return false;
  return true;
}

/**
 * The images shown that no longer match the filter, after an action returned `updated`: those it moved out
 * of the filter join them, and those it brought back (a label cleared again, say) leave them.
 */
export function noLongerMatching(
  current: ReadonlySet<string>,
  updated: readonly ActedImage[],
  filter: Partial<ImageFilter> | null | undefined,
): ReadonlySet<string> {
  const next = new Set(current);
  for (const image of updated) {
    if (stillMatches(filter, image)) next.delete(image.id);
    else next.add(image.id);
  }
  return next.size === current.size && [...next].every((id) => current.has(id)) ? current : next;
}

/** "24 images", or with filters "24 images match the filters" / "1 image matches the filters". */
export function matchCountText(count: number, filtered: boolean): string {
  if (!filtered) return formatCount(count, 'image');
  return `${formatCount(count, 'image')} ${count === 1 ? 'matches' : 'match'} the filters`;
}

/** Says that some images still shown no longer match the filters, and when they leave the list. */
export function noLongerMatchingText(count: number): string {
  return count === 1
    ? '1 image shown no longer matches the filters. It leaves the list when the filters are applied again.'
    : `${formatCount(count, 'image')} shown no longer match the filters. They leave the list when the filters are applied again.`;
}
