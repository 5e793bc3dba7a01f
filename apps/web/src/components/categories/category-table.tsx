'use client';

import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatCount } from '../../lib/format';
import {
  type CategoryItem,
  categoryArchiveMutation,
  categoryRenameMutation,
  type MergedCategoryItem,
} from '../../queries/categories-queries';
import { FieldErrorText } from '../field-error-text';
import { matchWords } from './alias-match';
import styles from './categories.module.css';

type CategoryTableProps = {
  categories: CategoryItem[];
  merged: MergedCategoryItem[];
  /** Called after a rename or an archive went through, with a sentence for the status line. */
  onChanged: (notice: string) => void;
  onMerge: (category: CategoryItem) => void;
};

/** Each category with its label count and alias rules, and the controls to rename, merge and archive it. */
export function CategoryTable({ categories, merged, onChanged, onMerge }: CategoryTableProps) {
  return (
    <>
      <table className={styles.table} data-testid="category-table">
        <caption className={styles.caption}>
          {formatCount(categories.length, 'category', 'categories')} in use
          {categories.some((category) => category.archived) &&
            `, ${categories.filter((category) => category.archived).length} of them archived`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className={styles.numeric}>
              Labelled images
            </th>
            <th scope="col">Alias rules</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {categories.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No categories yet: create the first one above.
              </td>
            </tr>
          )}
          {categories.map((category) => (
            <CategoryRow
              key={category.id}
              category={category}
              canMerge={categories.length > 1}
              onChanged={onChanged}
              onMerge={onMerge}
            />
          ))}
        </tbody>
      </table>
      {merged.length > 0 && (
        <section aria-labelledby="merged-categories-heading" className={styles.merged}>
          <h3 id="merged-categories-heading">Merged categories</h3>
          <ul data-testid="merged-categories">
            {merged.map((category) => (
              <li key={category.id} data-testid="merged-category" data-category-name={category.name}>
                <strong>{category.name}</strong> <span className={styles.statusTag}>Merged</span> into{' '}
                <strong>{category.mergedInto?.name ?? 'another category'}</strong> ·{' '}
                <span data-testid="category-label-count">{category.labelCount}</span>{' '}
                {category.labelCount === 1 ? 'image' : 'images'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function CategoryRow({
  category,
  canMerge,
  onChanged,
  onMerge,
}: {
  category: CategoryItem;
  canMerge: boolean;
  onChanged: (notice: string) => void;
  onMerge: (category: CategoryItem) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(category.name);
  const [renameError, setRenameError] = useState<FieldError | null>(null);
  const [archiveError, setArchiveError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const renameErrorId = useId();
  const archiveErrorId = useId();

  const stopEditing = () => {
    setEditing(false);
    setRenameError(null);
    // The rename button comes back on the next render; focus it there.
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await queryApiFromBrowser(categoryRenameMutation, { categoryId: category.id, name });
    setBusy(false);
    if (!result.ok) {
      setRenameError(fieldErrorOf(result.error));
      return;
    }
    stopEditing();
    onChanged(`Renamed “${category.name}” to “${result.data.renameCategory.name}”.`);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setName(category.name);
      stopEditing();
    }
  };
  const toggleArchive = async () => {
    setBusy(true);
    const archived = !category.archived;
    const result = await queryApiFromBrowser(categoryArchiveMutation, { categoryId: category.id, archived });
    setBusy(false);
    if (!result.ok) {
      setArchiveError(fieldErrorOf(result.error));
      return;
    }
    setArchiveError(null);
    onChanged(archived ? `Archived “${category.name}”.` : `Unarchived “${category.name}”.`);
  };

  return (
    <tr
      data-testid="category-row"
      data-category-name={category.name}
      data-archived={category.archived}
      className={category.archived ? styles.archivedRow : undefined}
    >
      <th scope="row">
        {editing ? (
          <form className={styles.renameForm} onSubmit={rename} aria-label={`Rename ${category.name}`}>
            <label htmlFor={inputId} className="visually-hidden">
              New name for {category.name}
            </label>
            <input
              id={inputId}
              className={styles.renameInput}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setRenameError(null);
              }}
              onKeyDown={cancelOnEscape}
              aria-invalid={renameError ? true : undefined}
              aria-describedby={renameError ? renameErrorId : undefined}
              // biome-ignore lint/a11y/noAutofocus: the field the user just asked for
              autoFocus
              autoComplete="off"
            />
            <button className="button" type="submit" disabled={busy}>
              Save
            </button>
            <button
              className="button button-quiet"
              type="button"
              onClick={() => {
                setName(category.name);
                stopEditing();
              }}
            >
              Cancel
            </button>
            <FieldErrorText id={renameErrorId} error={renameError} />
          </form>
        ) : (
          <span className={styles.categoryName} data-testid="category-name">
            {category.name}
          </span>
        )}
        {category.archived && <span className={styles.statusTag}>Archived</span>}
      </th>
      <td className={styles.numeric}>
        <span data-testid="category-label-count">{category.labelCount}</span>
      </td>
      <td>
        {category.aliases.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className={styles.aliasChips} aria-label={`Alias rules of ${category.name}`}>
            {category.aliases.map((alias) => (
              <li key={alias.id}>
                <code>{alias.pattern}</code> <span className="muted">({matchWords[alias.match].short})</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <div className={styles.actions}>
          {!editing && (
            <button
              ref={renameButton}
              className="button button-quiet"
              type="button"
              onClick={() => {
                setName(category.name);
                setEditing(true);
              }}
              aria-label={`Rename ${category.name}`}
            >
              Rename
            </button>
          )}
          <button
            className="button button-quiet"
            type="button"
            onClick={() => onMerge(category)}
            disabled={!canMerge}
            aria-label={`Merge ${category.name} into another category`}
          >
            Merge…
          </button>
          <button
            className="button button-quiet"
            type="button"
            onClick={toggleArchive}
            disabled={busy}
            aria-describedby={archiveError ? archiveErrorId : undefined}
            aria-label={`${category.archived ? 'Unarchive' : 'Archive'} ${category.name}`}
          >
            {category.archived ? 'Unarchive' : 'Archive'}
          </button>
        </div>
        <FieldErrorText id={archiveErrorId} error={archiveError} />
      </td>
    </tr>
  );
}
