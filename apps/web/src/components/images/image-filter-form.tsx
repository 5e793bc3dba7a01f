import Link from 'next/link';
import { type ImageFilterForm as FormValues, hasImageFilters, imageOrders } from '../../lib/image-filters';
import styles from './image-filter-form.module.css';

type Choice = { id: string; name: string };

type ImageFilterFormProps = {
  action: string;
  values: FormValues;
  categories: readonly Choice[];
  studies: readonly Choice[];
};

function Select({
  name,
  label,
  value,
  choices,
  any = 'Any',
}: {
  name: keyof FormValues;
  label: string;
  value: string;
  choices: readonly { value: string; label: string }[];
  any?: string | null;
}) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <select name={name} defaultValue={value}>
        {any !== null && <option value="">{any}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The Images screen's filters, matching the API's: a plain GET form, so the filters live in the URL (a view
 * can be bookmarked and shared) and it works before any JavaScript has loaded.
 */
export function ImageFilterForm({ action, values, categories, studies }: ImageFilterFormProps) {
  const categoryChoices = categories.map((category) => ({ value: category.id, label: category.name }));
  return (
    <form method="get" action={action} className={styles.form} aria-label="Filter images">
      <label className={`${styles.field} ${styles.wide}`}>
        <span>Technologist text contains</span>
        <input type="search" name="text" defaultValue={values.text} maxLength={200} />
      </label>
      <Select name="category" label="Label" value={values.category} choices={categoryChoices} />
      <Select name="predicted" label="Model's guess" value={values.predicted} choices={categoryChoices} />
      <Select
        name="labelled"
        label="Labelled"
        value={values.labelled}
        choices={[
          { value: 'yes', label: 'Labelled' },
          { value: 'no', label: 'Unlabelled' },
        ]}
      />
      <Select
        name="disagreement"
        label="Model vs label"
        value={values.disagreement}
        choices={[
          { value: 'yes', label: 'Disagree' },
          { value: 'no', label: 'Agree' },
        ]}
      />
      <Select
        name="excluded"
        label="Excluded"
        value={values.excluded}
        choices={[
          { value: 'yes', label: 'Only excluded' },
          { value: 'no', label: 'In use' },
        ]}
      />
      <Select
        name="split"
        label="Split"
        value={values.split}
        choices={[
          { value: 'TRAIN', label: 'Train' },
          { value: 'VALIDATION', label: 'Validation' },
          { value: 'TEST', label: 'Test' },
        ]}
      />
      <Select
        name="study"
        label="Study"
        value={values.study}
        choices={studies.map((study) => ({ value: study.id, label: study.name }))}
      />
      <fieldset className={styles.range}>
        <legend>Confidence (%)</legend>
        <label>
          <span className="visually-hidden">Confidence at least (%)</span>
          <input
            className={styles.rangeInput}
            type="number"
            name="minConfidence"
            min={0}
            max={100}
            step={1}
            placeholder="min"
            defaultValue={values.minConfidence}
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="visually-hidden">Confidence at most (%)</span>
          <input
            className={styles.rangeInput}
            type="number"
            name="maxConfidence"
            min={0}
            max={100}
            step={1}
            placeholder="max"
            defaultValue={values.maxConfidence}
          />
        </label>
      </fieldset>
      <Select name="order" label="Sort" value={values.order} choices={imageOrders} any={null} />
      <div className={styles.actions}>
        <button type="submit" className="button">
          Apply filters
        </button>
        {hasImageFilters(values) && (
          <Link href={action} className="button button-quiet" prefetch={false}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
