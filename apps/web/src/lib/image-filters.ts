import type { ImageFilter, ImageOrder, ImageOrderField, Split } from '../gql/operations';

/** The Images screen's filters as its URL carries them (every value a string, empty when unset). */
export type ImageFilterForm = {
  category: string;
  predicted: string;
  split: string;
  labelled: string;
  disagreement: string;
  minConfidence: string;
  maxConfidence: string;
  text: string;
  study: string;
  /** 'yes': only excluded images; 'no': only images in use; '': either. */
  excluded: string;
  order: string;
};

export const emptyImageFilterForm: ImageFilterForm = {
  category: '',
  predicted: '',
  split: '',
  labelled: '',
  disagreement: '',
  minConfidence: '',
  maxConfidence: '',
  text: '',
  study: '',
  excluded: '',
  order: '',
};

const SPLITS: readonly Split[] = ['TRAIN', 'VALIDATION', 'TEST'];
const ORDER_FIELDS: readonly ImageOrderField[] = [
  'CREATED_AT',
  'SOURCE_FILE_NAME',
  'CONFIDENCE',
  'MARGIN',
  'ENTROPY',
  'LABEL_DISAGREEMENT',
];

/** The sort orders the screen offers: value (`FIELD` or `FIELD:DESC`) and words. */
export const imageOrders: readonly { value: string; label: string }[] = [
  { value: '', label: 'Import order' },
  { value: 'SOURCE_FILE_NAME', label: 'File name' },
  { value: 'CONFIDENCE', label: 'Least confident first' },
  { value: 'CONFIDENCE:DESC', label: 'Most confident first' },
  { value: 'MARGIN', label: 'Smallest top-2 margin first' },
  { value: 'ENTROPY:DESC', label: 'Highest entropy first' },
  { value: 'LABEL_DISAGREEMENT:DESC', label: 'Strongest disagreement with the label first' },
];

/** Reads the form back from a page's search parameters, ignoring anything unknown. */
export function readImageFilterForm(params: Record<string, string | string[] | undefined>): ImageFilterForm {
  const form = { ...emptyImageFilterForm };
  for (const key of Object.keys(form) as (keyof ImageFilterForm)[]) {
    const value = params[key];
    form[key] = (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 500) ?? '';
  }
  return form;
}

/** A percentage typed in the form (0–100) as a probability, or undefined when empty or out of range. */
function probability(value: string): number | undefined {
  if (value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 100 ? number / 100 : undefined;
}

export type ImageQueryArguments = { filter: ImageFilter | null; orderBy: ImageOrder | null };

/** The API's `filter` and `orderBy` for a form; values that make no sense are left out, not sent. */
export function imageQueryArguments(form: ImageFilterForm): ImageQueryArguments {
  const filter: ImageFilter = {
    annotationContains: form.text || null,
    categoryIds: form.category ? [form.category] : null,
    predictedCategoryIds: form.predicted ? [form.predicted] : null,
    split: SPLITS.includes(form.split as Split) ? (form.split as Split) : null,
    labelled: form.labelled === 'yes' ? true : form.labelled === 'no' ? false : null,
    disagreesWithLabel: form.disagreement === 'yes' ? true : form.disagreement === 'no' ? false : null,
    confidence: null,
    margin: null,
    labelSources: null,
    sourceFileNames: null,
    studyIds: form.study ? [form.study] : null,
    excluded: form.excluded === 'yes' ? true : form.excluded === 'no' ? false : null,
  };
  const min = probability(form.minConfidence);
  const max = probability(form.maxConfidence);
  if (min !== undefined || max !== undefined) filter.confidence = { min: min ?? null, max: max ?? null };
  const given = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null));
  const [field, direction] = form.order.split(':');
  const orderBy: ImageOrder | null = ORDER_FIELDS.includes(field as ImageOrderField)
    ? { field: field as ImageOrderField, direction: direction === 'DESC' ? 'DESC' : 'ASC' }
    : null;
  return { filter: Object.keys(given).length > 0 ? (given as ImageFilter) : null, orderBy };
}

/** Whether any filter is set (the screen then offers to clear them). */
export function hasImageFilters(form: ImageFilterForm): boolean {
  return Object.entries(form).some(([key, value]) => key !== 'order' && value !== '');
}
