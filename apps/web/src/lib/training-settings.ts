/** The hyperparameters the Models screen lets people set; the API takes more (patience, tolerance, seed). */
export type SettingsForm = {
  head: 'LINEAR' | 'MLP';
  learningRate: string;
  l2: string;
  maxEpochs: string;
  batchSize: string;
  hiddenUnits: string;
  dropout: string;
  isClassBalanced: boolean;
};

export type SettingsFields = Exclude<keyof SettingsForm, 'head' | 'isClassBalanced'>;

type Hyperparameters = Record<string, unknown>;

const NUMBER_FIELDS = ['learningRate', 'l2', 'maxEpochs', 'batchSize', 'dropout'] as const;
const INTEGER_FIELDS = new Set(['maxEpochs', 'batchSize']);

const text = (value: unknown) =>
  Array.isArray(value) ? value.join(', ') : typeof value === 'number' ? String(value) : '';

/** The form for a dataset's settings: a field holds the dataset's own value, empty where the default applies. */
export function formFromSettings(settings: {
  head: 'LINEAR' | 'MLP';
  hyperparameters: Hyperparameters;
  customHyperparameters: Hyperparameters;
}): SettingsForm {
  const custom = settings.customHyperparameters;
  return {
    head: settings.head,
    learningRate: text(custom.learningRate),
    l2: text(custom.l2),
    maxEpochs: text(custom.maxEpochs),
    batchSize: text(custom.batchSize),
    hiddenUnits: text(custom.hiddenUnits),
    dropout: text(custom.dropout),
    isClassBalanced: settings.hyperparameters.isClassBalanced !== false,
  };
}

/**
 * The hyperparameters to send for a form: the fields filled in (numbers), the dataset's other custom values
 * the form does not show (kept as they are), and class balancing only when it is switched off (on is the
 * default). Problems name the fields that are not numbers; the API checks the ranges.
 */
export function hyperparametersFromForm(
  form: SettingsForm,
  custom: Hyperparameters,
): { hyperparameters: Hyperparameters; problems: Partial<Record<SettingsFields, string>> } {
  const hyperparameters: Hyperparameters = {};
  for (const [key, value] of Object.entries(custom)) if (!(key in form)) hyperparameters[key] = value;
  const problems: Partial<Record<SettingsFields, string>> = {};
  for (const field of NUMBER_FIELDS) {
    const raw = form[field].trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) problems[field] = 'Enter a number, or leave it empty for the default.';
    else if (INTEGER_FIELDS.has(field) && !Number.isInteger(value)) problems[field] = 'Enter a whole number.';
    else hyperparameters[field] = value;
  }
  const units = form.hiddenUnits.trim();
  if (units) {
    const sizes = units
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (sizes.some((size) => !Number.isInteger(size) || size < 1))
      problems.hiddenUnits = 'Enter layer sizes as whole numbers, such as 256 or 256, 128.';
    else hyperparameters.hiddenUnits = sizes;
  }
  if (!form.isClassBalanced) hyperparameters.isClassBalanced = false;
  else delete hyperparameters.isClassBalanced;
  return { hyperparameters, problems };
}
