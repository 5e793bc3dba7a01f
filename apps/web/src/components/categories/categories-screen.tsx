'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import { useSubscription } from '../../live/live-provider';
import {
  type CategoriesScreenData,
  type CategoryItem,
  categoriesLabelChangedSubscription,
  categoriesScreenQuery,
} from '../../queries/categories-queries';
import { ErrorPanel } from '../error-panel';
import { AliasRuleForm } from './alias-rule-form';
import { AliasRuleList } from './alias-rule-list';
import styles from './categories.module.css';
import { CategoryTable } from './category-table';
import { CreateCategoryForm } from './create-category-form';
import { MergeDialog } from './merge-dialog';
import { readWithRetry } from './read-with-retry';

type CategoriesScreenProps = { datasetId: string; initial: CategoriesScreenData };

/**
 * The categories of a dataset with their label counts and alias rules. Counts follow label changes made
 * anywhere (the labelChanged subscription), this screen's own changes, a reconnect and a return to the tab.
 */
export function CategoriesScreen({ datasetId, initial }: CategoriesScreenProps) {
  const [data, setData] = useState(initial);
  const [revision, setRevision] = useState(0);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [merging, setMerging] = useState<CategoryItem | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  /** Refetches everything; calls while one runs are folded into one more run after it. */
  const refresh = useCallback((): Promise<void> => {
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const run = async () => {
      try {
        do {
          again.current = false;
          const result = await readWithRetry(categoriesScreenQuery, { id: datasetId });
          if (!result.ok) setLoadError(result.error);
          else if (result.data.dataset) {
            setLoadError(null);
            setData(result.data.dataset);
            setRevision((current) => current + 1);
          }
        } while (again.current);
      } finally {
        running.current = null;
      }
    };
    running.current = run();
    return running.current;
  }, [datasetId]);

  useSubscription(
    categoriesLabelChangedSubscription,
    { datasetId },
    () => void refresh(),
    () => void refresh(),
  );
  useEffect(() => {
    // Category changes made in another tab publish no event: catch up when this one is shown again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  const changed = (message: string) => {
    setNotice(message);
    return refresh();
  };
  const live = data.categories;
  const focusHeading = () => heading.current;

  return (
    <section className={styles.screen} aria-labelledby="categories-heading">
      <div className={styles.header}>
        <h2 id="categories-heading" ref={heading} tabIndex={-1}>
          Categories
        </h2>
        <p className={styles.notice} role="status" aria-live="polite" data-testid="categories-notice">
          {notice}
        </p>
      </div>
      {loadError && (
        <ErrorPanel
          title="The categories could not be refreshed"
          error={loadError}
          action={
            <button className="button" type="button" onClick={() => void refresh()}>
              Try again
            </button>
          }
        />
      )}
      <CreateCategoryForm datasetId={datasetId} onCreated={(name) => changed(`Created “${name}”.`)} />
      <CategoryTable
        categories={live}
        merged={data.mergedCategories}
        onChanged={changed}
        onMerge={setMerging}
      />
      <section className={styles.rules} aria-labelledby="alias-rules-heading">
        <h3 id="alias-rules-heading">Alias rules</h3>
        <p className="muted">
          A rule maps the text a technologist typed on an image to a category. Imports apply the rules; apply
          a rule here to label the images already imported. Labels a person set are never replaced.
        </p>
        <AliasRuleForm
          datasetId={datasetId}
          categories={live.filter((category) => !category.archived)}
          revision={revision}
          onCreated={changed}
        />
        <AliasRuleList rules={data.aliasRules} onChanged={changed} fallbackFocus={focusHeading} />
      </section>
      <MergeDialog
        source={merging}
        categories={live}
        onClose={() => setMerging(null)}
        onMerged={(message) => {
          setMerging(null);
          // The merged row and its button leave the table: keep focus on the screen.
          void changed(message).then(() => {
            if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
          });
        }}
        fallbackFocus={focusHeading}
      />
    </section>
  );
}
