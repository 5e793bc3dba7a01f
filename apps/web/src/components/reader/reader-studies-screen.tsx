'use client';

import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { parseReaderIds, readerStudyPath } from '../../lib/reader-routes';
import {
  type ReaderCandidate,
  type ReaderStudySummary,
  readerStudyCloseMutation,
  readerStudyCreateMutation,
  readerStudyOpenMutation,
} from '../../queries/reader-study-queries';
import styles from './reader-studies.module.css';

type ReaderStudiesScreenProps = {
  datasetId: string;
  studies: readonly ReaderStudySummary[];
  /** The users with role READER; null when the viewer may not list users (only admins may). */
  readers: readonly ReaderCandidate[] | null;
  /** Labelled test-split images: a study's images when none are chosen. */
  labelledTestImages: number;
};

const stateText = { DRAFT: 'Draft', OPEN: 'Open', CLOSED: 'Closed' } as const;

/** A dataset's reader studies (human readers against the model): create one, open it, close it, see its report. */
export function ReaderStudiesScreen({
  datasetId,
  studies: initial,
  readers,
  labelledTestImages,
}: ReaderStudiesScreenProps) {
  const [studies, setStudies] = useState(initial);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [pasted, setPasted] = useState('');
  const [sampleSize, setSampleSize] = useState('');
  const [view, setView] = useState<'CROP' | 'WHOLE_IMAGE'>('CROP');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<FieldError | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; error: FieldError } | null>(null);

  const readerIds = readers ? [...chosen] : parseReaderIds(pasted);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const size = sampleSize.trim() === '' ? null : Number(sampleSize);
    if (size !== null && (!Number.isInteger(size) || size < 1)) {
      setCreateError({
        code: 'BAD_INPUT',
        message: 'The sample size is a whole number of images, at least 1.',
      });
      return;
    }
    setCreating(true);
    setCreateError(null);
    const result = await queryApiFromBrowser(readerStudyCreateMutation, {
      input: {
        datasetId,
        name: name.trim(),
        readerIds,
        view,
        sampleSize: size,
        sampleSeed: null,
        imageIds: null,
        categoryIds: null,
        modelVersionIds: null,
      },
    });
    setCreating(false);
    if (!result.ok) {
      setCreateError(fieldErrorOf(result.error));
      return;
    }
    setStudies((current) => [result.data.createReaderStudy, ...current]);
    setName('');
    setChosen(new Set());
    setPasted('');
    setSampleSize('');
  };

  const transition = async (study: ReaderStudySummary, to: 'open' | 'close') => {
    setPending(study.id);
    setRowError(null);
    const result =
      to === 'open'
        ? await queryApiFromBrowser(readerStudyOpenMutation, { id: study.id })
        : await queryApiFromBrowser(readerStudyCloseMutation, { id: study.id });
    setPending(null);
    if (!result.ok) {
      setRowError({ id: study.id, error: fieldErrorOf(result.error) });
      return;
    }
    const updated =
      'openReaderStudy' in result.data ? result.data.openReaderStudy : result.data.closeReaderStudy;
    setStudies((current) => current.map((candidate) => (candidate.id === updated.id ? updated : candidate)));
  };

  return (
    <div className={styles.screen}>
      <h2>Reader studies</h2>
      <p className="muted">
        Human readers and the model read the same images; the report compares their accuracy. Readers see only
        the image and the categories: no label, prediction or technologist text.
      </p>
      {studies.length === 0 ? (
        <p className="empty">No reader study yet.</p>
      ) : (
        <table className={styles.table} data-testid="reader-studies">
          <caption className="visually-hidden">Reader studies of this dataset, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">View</th>
              <th scope="col" className={styles.numeric}>
                Images
              </th>
              <th scope="col">Readers (answered)</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr
                key={study.id}
                data-testid="reader-study-row"
                data-study-id={study.id}
                data-state={study.state}
              >
                <th scope="row">
                  <Link href={readerStudyPath(datasetId, study.id)}>{study.name}</Link>
                </th>
                <td>{stateText[study.state]}</td>
                <td>{study.view === 'CROP' ? 'Crop' : 'Whole image'}</td>
                <td className={styles.numeric}>{study.imageCount}</td>
                <td>
                  <ul className={styles.readers}>
                    {study.assignments.map((assignment) => (
                      <li key={assignment.id}>
                        {assignment.reader.name || assignment.reader.email}: {assignment.progress.answered}/
                        {assignment.progress.total}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <div className={styles.rowActions}>
                    {study.state === 'DRAFT' && (
                      <button
                        type="button"
                        className="button"
                        disabled={pending === study.id}
                        onClick={() => void transition(study, 'open')}
                        aria-label={`Open ${study.name} to readers`}
                      >
                        Open
                      </button>
                    )}
                    {study.state === 'OPEN' && (
                      <button
                        type="button"
                        className="button"
                        disabled={pending === study.id}
                        onClick={() => void transition(study, 'close')}
                        aria-label={`Close ${study.name}`}
                      >
                        Close
                      </button>
                    )}
                    <Link href={readerStudyPath(datasetId, study.id)}>Report</Link>
                  </div>
                  {rowError?.id === study.id && (
                    <p className={styles.error} role="alert">
                      {rowError.error.code}: {rowError.error.message}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className={styles.form} onSubmit={create} aria-labelledby="new-reader-study">
        <h3 id="new-reader-study">New reader study</h3>
        <label className={styles.field}>
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
        </label>
        {readers ? (
          <fieldset className={styles.field}>
            <legend>Readers (users with role READER)</legend>
            {readers.length === 0 ? (
              <p className="muted">No user has the role READER: an admin creates them.</p>
            ) : (
              readers.map((reader) => (
                <label key={reader.id} className={styles.check}>
                  <input
                    type="checkbox"
                    checked={chosen.has(reader.id)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(reader.id);
                      else next.delete(reader.id);
                      setChosen(next);
                    }}
                  />{' '}
                  {reader.name} <span className="muted">{reader.email}</span>
                </label>
              ))
            )}
          </fieldset>
        ) : (
          <label className={styles.field}>
            Reader ids, one a line
            <textarea value={pasted} onChange={(event) => setPasted(event.target.value)} rows={3} />
            <span className="muted">
              Only admins may list users: ask one for the ids of the readers (users with role READER).
            </span>
          </label>
        )}
        <label className={styles.field}>
          Sample size (optional)
          <input
            type="number"
            min={1}
            inputMode="numeric"
            value={sampleSize}
            onChange={(event) => setSampleSize(event.target.value)}
            aria-describedby="sample-size-help"
          />
          <span id="sample-size-help" className="muted">
            Left empty: all {labelledTestImages} labelled test-split images. Otherwise drawn stratified by
            category.
          </span>
        </label>
        <fieldset className={styles.field}>
          <legend>What readers see</legend>
          <label className={styles.check}>
            <input type="radio" name="view" checked={view === 'CROP'} onChange={() => setView('CROP')} /> The
            crop box only (hides burned-in text)
          </label>
          <label className={styles.check}>
            <input
              type="radio"
              name="view"
              checked={view === 'WHOLE_IMAGE'}
              onChange={() => setView('WHOLE_IMAGE')}
            />{' '}
            The whole image
          </label>
        </fieldset>
        {createError && (
          <p className={styles.error} role="alert" data-testid="create-reader-study-error">
            {createError.code}: {createError.message}
          </p>
        )}
        <div>
          <button
            type="submit"
            className="button"
            disabled={creating || name.trim() === '' || readerIds.length === 0}
          >
            {creating ? 'Creating…' : 'Create draft'}
          </button>
        </div>
      </form>
    </div>
  );
}
