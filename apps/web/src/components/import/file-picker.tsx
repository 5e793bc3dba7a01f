'use client';

import { useId } from 'react';
import { formatBytes, formatCount } from '../../lib/format';
import { type ImportSelection, selectImportFiles } from '../../lib/import-selection';
import styles from './import.module.css';

type FilePickerProps = {
  selection: ImportSelection;
  bytes: number;
  /** How many requests the images take (see `planBatches`). */
  requests: number;
  onPicked: (selection: ImportSelection) => void;
};

/**
 * Files or a whole folder (its sub-folders are the studies), with what will be sent: the images, how many
 * requests they take, and the files left out. A new pick replaces the previous one.
 */
export function FilePicker({ selection, bytes, requests, onPicked }: FilePickerProps) {
  const ids = { files: useId(), folder: useId(), summary: useId() };
  const pick = (list: FileList | null) => {
    if (list && list.length > 0) onPicked(selectImportFiles(Array.from(list)));
  };
  return (
    <div className={styles.picker}>
      <div className={styles.pickerInputs}>
        <div className={styles.field}>
          <label htmlFor={ids.files}>Images</label>
          <input
            id={ids.files}
            type="file"
            multiple
            accept=".png,.jpg,.jpeg,.dcm,.dicom,image/png,image/jpeg,application/dicom"
            onChange={(event) => pick(event.target.files)}
            aria-describedby={ids.summary}
            data-testid="import-files-input"
          />
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.folder}>Or a whole folder</label>
          <input
            id={ids.folder}
            type="file"
            // Not in React's types: the browser's folder picker.
            {...{ webkitdirectory: '' }}
            onChange={(event) => pick(event.target.files)}
            aria-describedby={ids.summary}
            data-testid="import-folder-input"
          />
        </div>
      </div>
      <p id={ids.summary} className="muted" role="status" data-testid="import-selection">
        {selection.uploads.length === 0 && selection.skipped.length === 0
          ? 'PNG, JPEG and DICOM files. In a folder, each top folder is a study; a file at the top is its own study.'
          : `${formatCount(selection.uploads.length, 'image file')} (${formatBytes(bytes)}) to send in ${formatCount(requests, 'request')}` +
            (selection.skipped.length > 0
              ? `; ${formatCount(selection.skipped.length, 'other file')} left out.`
              : '.')}
      </p>
    </div>
  );
}
