'use client';

import { useId } from 'react';
import type { PickedFile } from '../../lib/import-selection';
import { MANIFEST_COLUMNS, type ManifestColumnNames } from '../../lib/manifest-columns';
import type { DicomFrames } from '../../queries/import-queries';
import styles from './import.module.css';

type ManifestFieldsProps = {
  /** CSV files of the picked folder, offered as the manifest. */
  candidates: PickedFile[];
  manifest: PickedFile | null;
  onManifest: (manifest: PickedFile | null) => void;
  columns: ManifestColumnNames;
  onColumns: (columns: ManifestColumnNames) => void;
  frames: DicomFrames;
  onFrames: (frames: DicomFrames) => void;
};

const FRAME_CHOICES: { value: DicomFrames; text: string }[] = [
  { value: 'ALL', text: 'Every frame' },
  { value: 'FIRST', text: 'The first frame' },
  { value: 'MIDDLE', text: 'The middle frame' },
];

/** The optional manifest (a CSV of the folder, or one picked on its own), its column names, DICOM frames. */
export function ManifestFields(props: ManifestFieldsProps) {
  const { candidates, manifest, onManifest, columns, onColumns, frames, onFrames } = props;
  const ids = { candidate: useId(), file: useId(), status: useId(), frames: useId(), column: useId() };
  const chosen = candidates.find((candidate) => candidate === manifest)?.path ?? '';
  return (
    <div className={styles.manifest}>
      <div className={styles.pickerInputs}>
        {candidates.length > 0 && (
          <div className={styles.field}>
            <label htmlFor={ids.candidate}>Manifest from the folder</label>
            <select
              id={ids.candidate}
              value={chosen}
              onChange={(event) =>
                onManifest(candidates.find((candidate) => candidate.path === event.target.value) ?? null)
              }
            >
              <option value="">No manifest</option>
              {candidates.map((candidate) => (
                <option key={candidate.path} value={candidate.path}>
                  {candidate.path}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className={styles.field}>
          <label htmlFor={ids.file}>
            {candidates.length > 0 ? 'Or another manifest' : 'Manifest (optional)'}
          </label>
          <input
            id={ids.file}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              const file = event.target.files?.[0];
              onManifest(file ? { file, path: file.name } : null);
            }}
            aria-describedby={ids.status}
            data-testid="import-manifest-input"
          />
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.frames}>DICOM frames</label>
          <select
            id={ids.frames}
            value={frames}
            onChange={(event) => onFrames(event.target.value as DicomFrames)}
          >
            {FRAME_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.text}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={ids.status} className="muted" data-testid="import-manifest">
        {manifest
          ? `Manifest ${manifest.path}: its rows name the files by their path in the folder; files it does not name are skipped.`
          : 'No manifest: each top folder is a study.'}
      </p>
      <details className={styles.columns}>
        <summary>Manifest column names</summary>
        <p className="muted">Only where the manifest’s header names a column differently.</p>
        <div className={styles.pickerInputs}>
          {MANIFEST_COLUMNS.map((column) => (
            <div className={styles.field} key={column}>
              <label htmlFor={`${ids.column}-${column}`}>Column for {column}</label>
              <input
                id={`${ids.column}-${column}`}
                value={columns[column]}
                placeholder={column}
                onChange={(event) => onColumns({ ...columns, [column]: event.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          ))}
        </div>
      </details>
    </div>
  );
}
