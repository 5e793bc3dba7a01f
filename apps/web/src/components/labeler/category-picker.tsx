'use client';

import { type KeyboardEvent, type RefObject, useState } from 'react';
import { filterCategories } from '../../lib/labeler-keys';
import type { LabelerCategory } from '../../queries/labeler-queries';
import styles from './labeler.module.css';

type CategoryPickerProps = {
  categories: readonly LabelerCategory[];
  /** The category of the image's current label, marked as such. */
  currentId: string | null;
  /** The category being saved, or kept after a failed save. */
  chosenId: string | null;
  /** The model's first and second guesses, marked in the list. */
  guessIds: readonly (string | null)[];
  disabled: boolean;
  onPick: (category: LabelerCategory) => void;
  searchRef: RefObject<HTMLInputElement | null>;
};

/**
 * The dataset's categories, numbered 1–9 for the keyboard in picker order, with a search box: typing filters
 * them, Enter picks the first match, Escape clears the search and gives the keys back to the shortcuts.
 */
export function CategoryPicker({
  categories,
  currentId,
  chosenId,
  guessIds,
  disabled,
  onPick,
  searchRef,
}: CategoryPickerProps) {
  const [query, setQuery] = useState('');
  const shown = filterCategories(categories, query);
  const numberOf = new Map(categories.map((category, index) => [category.id, index + 1]));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const match = shown[0];
      if (!match || disabled) return;
      setQuery('');
      event.currentTarget.blur();
      onPick(match);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setQuery('');
      event.currentTarget.blur();
    }
  };

  return (
    <section className={styles.picker} aria-labelledby="picker-title">
      <h3 id="picker-title">Category</h3>
      <label className={styles.search}>
        <span className="visually-hidden">Search categories</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search categories (/)"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          data-labeler-search=""
          aria-describedby="picker-search-hint"
          autoComplete="off"
        />
      </label>
      <p id="picker-search-hint" className="visually-hidden">
        Enter picks the first match, Escape clears the search.
      </p>
      {shown.length === 0 ? (
        <p className="muted" data-testid="picker-empty">
          No category matches “{query}”.
        </p>
      ) : (
        <ul className={styles.categoryList} aria-label="Categories">
          {shown.map((category, index) => {
            const number = numberOf.get(category.id) ?? 0;
            const guess = guessIds.indexOf(category.id);
            const classes = [
              styles.category,
              category.id === chosenId ? styles.chosen : '',
              index === 0 && query ? styles.match : '',
            ].join(' ');
            return (
              <li key={category.id}>
                <button
                  type="button"
                  className={classes}
                  disabled={disabled}
                  onClick={() => onPick(category)}
                  aria-pressed={category.id === chosenId}
                  data-testid="category-option"
                  data-category-id={category.id}
                >
                  <kbd className="key-cap">{number <= 9 ? number : ''}</kbd>
                  <span className={styles.categoryName}>{category.name}</span>
                  {guess >= 0 && <span className={styles.tag}>model {guess === 0 ? '1st' : '2nd'}</span>}
                  {category.id === currentId && <span className={styles.tag}>current</span>}
                  {index === 0 && query && <span className={styles.tag}>Enter</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
