'use client';

import { type FormEvent, useState } from 'react';
import type { HeadKind } from '../../gql/operations';
import { fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import {
  formFromSettings,
  hyperparametersFromForm,
  type SettingsFields,
  type SettingsForm,
} from '../../lib/training-settings';
import { updateTrainingSettingsMutation } from '../../queries/models-query';
import styles from './models.module.css';

export type TrainingSettingsValue = {
  head: HeadKind;
  hyperparameters: unknown;
  customHyperparameters: unknown;
};

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const FIELDS: { key: SettingsFields; label: string; hint: string; mlpOnly?: boolean }[] = [
  { key: 'learningRate', label: 'Learning rate', hint: 'Adam step size' },
  { key: 'l2', label: 'L2 penalty', hint: 'on the weights' },
  { key: 'maxEpochs', label: 'Most epochs', hint: 'early stopping may end sooner' },
  { key: 'batchSize', label: 'Batch size', hint: 'images per step' },
  { key: 'hiddenUnits', label: 'Hidden layers', hint: 'units of each, e.g. 256, 128', mlpOnly: true },
  { key: 'dropout', label: 'Dropout', hint: 'after each hidden layer', mlpOnly: true },
];

const defaultText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/**
 * How the dataset's heads are trained: the linear head (fast, the default) or the paper's MLP head, and the
 * hyperparameters that differ from the defaults (empty fields show the default). Saving asks for a training
 * run, so the next version on this screen follows the settings; compare it with an earlier one below.
 */
export function TrainingSettingsPanel({
  datasetId,
  initial,
  canEdit,
}: {
  datasetId: string;
  initial: TrainingSettingsValue;
  canEdit: boolean;
}) {
  const [settings, setSettings] = useState(initial);
  const normalized = {
    head: settings.head,
    hyperparameters: asRecord(settings.hyperparameters),
    customHyperparameters: asRecord(settings.customHyperparameters),
  };
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(normalized));
  const [problems, setProblems] = useState<Partial<Record<SettingsFields, string>>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (head: HeadKind, hyperparameters: Record<string, unknown>) => {
    setSaving(true);
    setOutcome(null);
    const result = await queryApiFromBrowser(updateTrainingSettingsMutation, {
      datasetId,
      head,
      hyperparameters,
    });
    setSaving(false);
    if (!result.ok) {
      setOutcome({ ok: false, text: fieldErrorOf(result.error).message });
      return;
    }
    const saved = result.data.updateTrainingSettings.trainingSettings;
    setSettings(saved);
    setForm(
      formFromSettings({
        head: saved.head,
        hyperparameters: asRecord(saved.hyperparameters),
        customHyperparameters: asRecord(saved.customHyperparameters),
      }),
    );
    setOutcome({
      ok: true,
      text: 'Saved. A training run with these settings was asked for; its version appears above when it is done.',
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { hyperparameters, problems: found } = hyperparametersFromForm(
      form,
      normalized.customHyperparameters,
    );
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void save(form.head, hyperparameters);
  };

  const isMlp = form.head === 'MLP';
  return (
    <form onSubmit={submit} data-testid="training-settings" aria-describedby="training-settings-note">
      <p id="training-settings-note" className="muted">
        Every training run of this dataset uses these settings. Empty fields use the default, shown in grey.
        {canEdit ? '' : ' Only data scientists and admins can change them.'}
      </p>
      <fieldset className={styles.controls} disabled={!canEdit || saving}>
        <legend className="visually-hidden">Head</legend>
        {(
          [
            ['LINEAR', 'Linear head (fast; the default)'],
            ['MLP', 'MLP head (hidden layers with dropout, as in the paper)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={styles.radio}>
            <input
              type="radio"
              name="head"
              value={value}
              checked={form.head === value}
              onChange={() => setForm({ ...form, head: value })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.controls} disabled={!canEdit || saving}>
        <legend className="visually-hidden">Hyperparameters</legend>
        {FIELDS.filter((field) => isMlp || !field.mlpOnly).map((field) => (
          <div key={field.key} className={styles.field}>
            <label htmlFor={`training-${field.key}`}>{field.label}</label>
            <input
              id={`training-${field.key}`}
              name={field.key}
              inputMode={field.key === 'hiddenUnits' ? 'text' : 'decimal'}
              value={form[field.key]}
              placeholder={defaultText(normalized.hyperparameters[field.key])}
              aria-invalid={problems[field.key] ? true : undefined}
              aria-describedby={`training-${field.key}-hint`}
              onChange={(event) => setForm({ ...form, [field.key]: event.target.value })}
            />
            <span
              id={`training-${field.key}-hint`}
              className={problems[field.key] ? styles.fieldError : 'muted'}
            >
              {problems[field.key] ?? field.hint}
            </span>
          </div>
        ))}
        <label className={styles.radio}>
          <input
            type="checkbox"
            checked={form.isClassBalanced}
            onChange={(event) => setForm({ ...form, isClassBalanced: event.target.checked })}
          />{' '}
          Weight rare categories as much as common ones
        </label>
      </fieldset>
      {canEdit && (
        <div className={styles.controls}>
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Saving…' : 'Save and retrain'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={saving}
            onClick={() => void save('LINEAR', {})}
          >
            Back to the defaults
          </button>
        </div>
      )}
      {outcome && (
        <p
          className={outcome.ok ? 'muted' : styles.inlineError}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="training-settings-outcome"
        >
          {outcome.text}
        </p>
      )}
    </form>
  );
}
