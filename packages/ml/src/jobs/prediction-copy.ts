import { MlError } from '../heads/ml-error';
import type { PredictionRow } from './write-model-version';

/** The columns of a version's prediction table, in the order of the COPY text. */
export const PREDICTION_COPY_COLUMNS = [
  'model_version_id',
  'image_id',
  'probabilities',
  'top1_category_id',
  'top1_probability',
  'top2_category_id',
  'top2_probability',
  'margin',
  'entropy',
  'labelled_distance',
  'label_disagreement',
  'sketch',
] as const;

/**
 * Rows per COPY statement. The embedded database runs each statement on the thread that serves requests, so
 * a statement is kept short enough for requests to get in between two of them.
 */
export const PREDICTION_COPY_CHUNK = 2_500;

/**
 * A number in COPY's text format, with the nine significant digits that bring back every float32 (the scores
 * and probabilities are float32: the columns are `real`, and shorter text is quicker to parse); null, NaN
 * and the infinities are written as null (and so refused).
 */
const numberText = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? '\\N' : value.toPrecision(9);

const textOrNull = (value: string | null | undefined) => value ?? '\\N';

/**
 * Refuses a row the table would refuse (a missing or non-finite probability or score, a first probability
 * outside 0–1), before anything is written. The database's own refusal would not do: postgres.js never settles
 * a COPY FROM STDIN that the server rejects (porsager/postgres#1173), which would leave the run waiting forever
 * on a connection it never gives back.
 */
function checkRow(row: PredictionRow): void {
  const scores = [row.top1Probability, row.top2Probability, row.margin, row.entropy];
  const isFiniteNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
  if (
    !row.probabilities.every(isFiniteNumber) ||
    !scores.every(isFiniteNumber) ||
    !(row.top1Probability >= 0 && row.top1Probability <= 1)
  ) {
    throw new MlError(
      'INVALID_PREDICTIONS',
      `The prediction of image ${row.imageId} has a missing, non-finite or out-of-range value; nothing was written.`,
      { imageId: row.imageId },
    );
  }
}

/**
 * A version's prediction rows as COPY text (ids and numbers never need escaping), one string per
 * `PREDICTION_COPY_CHUNK` rows, each handed to `onChunk` as soon as it is encoded (the caller can load one while
 * the next is encoded). Every row is checked before the first chunk: INVALID_PREDICTIONS for a row the table
 * would refuse, and then no chunk at all.
 */
export function encodePredictionChunks(
  modelVersionId: string,
  rows: readonly PredictionRow[],
  onChunk: (text: string) => void,
): void {
  for (const row of rows) checkRow(row);
  for (let start = 0; start < rows.length; start += PREDICTION_COPY_CHUNK) {
    let text = '';
    for (const row of rows.slice(start, start + PREDICTION_COPY_CHUNK)) {
      const probabilities = `[${row.probabilities.map((p) => p.toPrecision(9)).join(',')}]`;
      text += `${[
        modelVersionId,
        row.imageId,
        probabilities,
        textOrNull(row.top1CategoryId),
        numberText(row.top1Probability),
        textOrNull(row.top2CategoryId),
        numberText(row.top2Probability),
        numberText(row.margin),
        numberText(row.entropy),
        numberText(row.labelledDistance),
        numberText(row.labelDisagreement),
        row.sketch ? `\\\\x${Buffer.from(row.sketch).toString('hex')}` : '\\N',
      ].join('\t')}\n`;
    }
    onChunk(text);
  }
}

/** {@link encodePredictionChunks}, all chunks at once. */
export function encodePredictionCopyText(modelVersionId: string, rows: readonly PredictionRow[]): string[] {
  const chunks: string[] = [];
  encodePredictionChunks(modelVersionId, rows, (text) => chunks.push(text));
  return chunks;
}
