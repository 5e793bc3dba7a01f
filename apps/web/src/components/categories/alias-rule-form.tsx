'use client';

import { type FormEvent, useEffect, useId, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatCount } from '../../lib/format';
import {
  type AliasMatch,
  type AliasRulePreview,
  aliasRuleCreateMutation,
  aliasRuleTestQuery,
  type CategoryItem,
} from '../../queries/categories-queries';
import { FieldErrorText } from '../field-error-text';
import { matchKinds, matchWords } from './alias-match';
import styles from './categories.module.css';
import { readWithRetry } from './read-with-retry';

/** How long typing pauses before the preview asks the API. */
const PREVIEW_DELAY_MS = 300;
const PREVIEW_SAMPLES = 10;

type AliasRuleFormProps = {
  datasetId: string;
  /** Categories a rule may point at (in use, not archived). */
  categories: CategoryItem[];
  /** Grows whenever labels or rules changed, so the preview is asked again. */
  revision: number;
  onCreated: (notice: string) => void;
};

/**
 * A new alias rule: the technologist text pattern, how it matches and its category, with a live preview
 * (testAliasRule, debounced as you type) of the texts it matches and, given a category, the labels it
 * would change.
 */
export function AliasRuleForm({ datasetId, categories, revision, onCreated }: AliasRuleFormProps) {
  const [pattern, setPattern] = useState('');
  const [match, setMatch] = useState<AliasMatch>('CASE_INSENSITIVE');
  const [categoryId, setCategoryId] = useState('');
  const [preview, setPreview] = useState<AliasRulePreview | null>(null);
  const [previewError, setPreviewError] = useState<FieldError | null>(null);
  const [pending, setPending] = useState(false);
  const [createError, setCreateError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { pattern: useId(), match: useId(), category: useId(), error: useId(), createError: useId() };
  const chosen = categories.some((category) => category.id === categoryId) ? categoryId : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` asks again after labels or rules changed
  useEffect(() => {
    setPreviewError(null);
    if (!pattern.trim()) {
      setPreview(null);
      setPending(false);
      return;
    }
    setPending(true);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void readWithRetry(
        aliasRuleTestQuery,
        { datasetId, pattern, match, categoryId: chosen || null, first: PREVIEW_SAMPLES },
        controller.signal,
      ).then((result) => {
        if (controller.signal.aborted) return;
        setPending(false);
        if (result.ok) setPreview(result.data.testAliasRule);
        else {
          setPreview(null);
          setPreviewError(fieldErrorOf(result.error));
        }
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [datasetId, pattern, match, chosen, revision]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await queryApiFromBrowser(aliasRuleCreateMutation, {
      datasetId,
      categoryId: chosen,
      pattern,
      match,
    });
    setBusy(false);
    if (!result.ok) {
      setCreateError(fieldErrorOf(result.error));
      return;
    }
    setCreateError(null);
    const rule = result.data.createAliasRule;
    setPattern('');
    onCreated(
      `Created the rule “${rule.pattern}” (${matchWords[rule.match].short}) → “${rule.category.name}”. Apply it to label the images already imported.`,
    );
  };

  const patternProblem = previewError ?? null;
  return (
    <form
      className={styles.ruleForm}
      onSubmit={submit}
      aria-label="New alias rule"
      data-testid="alias-rule-form"
    >
      <div className={styles.ruleFields}>
        <div className={styles.field}>
          <label htmlFor={ids.pattern}>Technologist text</label>
          <input
            id={ids.pattern}
            value={pattern}
            onChange={(event) => {
              setPattern(event.target.value);
              setCreateError(null);
            }}
            aria-invalid={patternProblem ? true : undefined}
            aria-describedby={patternProblem ? ids.error : undefined}
            autoComplete="off"
            spellCheck={false}
          />
          <FieldErrorText id={ids.error} error={patternProblem} />
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.match}>Match</label>
          <select
            id={ids.match}
            value={match}
            onChange={(event) => setMatch(event.target.value as AliasMatch)}
          >
            {matchKinds.map((kind) => (
              <option key={kind} value={kind}>
                {matchWords[kind].long}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.category}>Category</label>
          <select id={ids.category} value={chosen} onChange={(event) => setCategoryId(event.target.value)}>
            <option value="">Choose a category…</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <RulePreview pattern={pattern} preview={preview} pending={pending} failed={previewError !== null} />
      <FieldErrorText id={ids.createError} error={createError} />
      <button
        className="button"
        type="submit"
        disabled={busy || !pattern.trim() || !chosen}
        aria-describedby={createError ? ids.createError : undefined}
      >
        {busy ? 'Creating…' : 'Create rule'}
      </button>
    </form>
  );
}

function RulePreview({
  pattern,
  preview,
  pending,
  failed,
}: {
  pattern: string;
  preview: AliasRulePreview | null;
  pending: boolean;
  failed: boolean;
}) {
  if (!pattern.trim()) {
    return (
      <p className={`${styles.preview} muted`} data-testid="alias-preview">
        Type a text to see which images it matches.
      </p>
    );
  }
  if (failed) return null;
  return (
    <div className={styles.preview} data-testid="alias-preview" aria-busy={pending}>
      <p role="status" data-testid="alias-preview-summary">
        {preview
          ? `Matches ${formatCount(preview.matchCount, 'image')} (${formatCount(preview.textCount, 'distinct text')}).`
          : 'Looking for matching texts…'}
        {preview && preview.labelChangeCount !== null && (
          <>
            {' '}
            Applying it would change{' '}
            <strong data-testid="alias-preview-changes">
              {formatCount(preview.labelChangeCount, 'label')}
            </strong>
            {preview.keptLabelCount
              ? `; ${formatCount(preview.keptLabelCount, 'label')} set by a person would stay.`
              : '.'}
          </>
        )}
        {pending && preview && <span className="muted"> Updating…</span>}
      </p>
      {preview && preview.samples.length > 0 && (
        <ul className={styles.samples} aria-label="Matching texts" data-testid="alias-preview-samples">
          {preview.samples.map((sample) => (
            <li key={sample.text} data-testid="alias-preview-sample">
              <code>{sample.text}</code>{' '}
              <span className="muted">· {formatCount(sample.imageCount, 'image')}</span>
            </li>
          ))}
          {preview.textCount > preview.samples.length && (
            <li className="muted">
              and {formatCount(preview.textCount - preview.samples.length, 'other text')}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
