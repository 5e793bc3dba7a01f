'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { formatBytes } from '../../lib/format';
import { BATCH_LIMITS, isForwardable, LARGEST_FORWARDED_BYTES, planBatches } from '../../lib/import-batches';
import type { ImportFailureItem } from '../../lib/import-report';
import type { ImportSelection, LocalSkip, PickedFile } from '../../lib/import-selection';
import { defaultColumnNames, manifestColumnsInput } from '../../lib/manifest-columns';
import type { DicomFrames } from '../../queries/import-queries';
import { FieldErrorText } from '../field-error-text';
import { FilePicker } from './file-picker';
import styles from './import.module.css';
import { ImportProgress } from './import-progress';
import { ImportReportView } from './import-report-view';
import { ManifestFields } from './manifest-fields';
import { useImportRun } from './use-import-run';

type ImportScreenProps = {
  /** The dataset to import into; null to create one, named in the form. */
  dataset: { id: string; name: string } | null;
};

/** What the browser settled before sending: files it left out, and whether a manifest goes with them. */
type Prepared = {
  localSkipped: LocalSkip[];
  localFailures: ImportFailureItem[];
  hasManifest: boolean;
};

const emptySelection: ImportSelection = { uploads: [], skipped: [], manifests: [] };

/**
 * Import images from the browser: pick files or a folder (each top folder a study), optionally a CSV
 * manifest, and send them in batches small enough for the web origin to forward, with progress, cancel,
 * retry of failed batches and one report for them all.
 */
export function ImportScreen({ dataset }: ImportScreenProps) {
  const [name, setName] = useState('');
  const [selection, setSelection] = useState(emptySelection);
  const [manifest, setManifest] = useState<PickedFile | null>(null);
  const [columns, setColumns] = useState(defaultColumnNames);
  const [frames, setFrames] = useState<DicomFrames>('ALL');
  const [prepared, setPrepared] = useState<Prepared>({
    localSkipped: [],
    localFailures: [],
    hasManifest: false,
  });
  const { run, isBusy, start, cancel, sendRest } = useImportRun();
  const router = useRouter();
  const phase = run?.phase;
  useEffect(() => {
    // The page's list of recent imports now has this one.
    if (phase === 'finished' || phase === 'stopped') router.refresh();
  }, [phase, router]);
  const nameId = useId();
  const refusalId = useId();
  const bytes = selection.uploads.reduce((total, picked) => total + picked.file.size, 0);
  const manifestBytes = manifest?.file.size ?? 0;
  const isSendable = (picked: PickedFile) => isForwardable(picked.file.size, manifestBytes);
  const batches = planBatches(selection.uploads.filter(isSendable), BATCH_LIMITS, manifestBytes);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tooLarge = selection.uploads.filter((picked) => !isSendable(picked));
    const localFailures = tooLarge.map((picked) => ({
      file: picked.path,
      line: null,
      code: 'TOO_LARGE',
      message: `Larger than the ${formatBytes(LARGEST_FORWARDED_BYTES)} the web app forwards in one request (manifest included): import it with loupe import.`,
    }));
    setPrepared({ localSkipped: selection.skipped, localFailures, hasManifest: manifest !== null });
    start({
      datasetId: dataset?.id ?? null,
      datasetName: dataset ? null : name.trim(),
      batches,
      manifest,
      columns: manifestColumnsInput(columns),
      frames,
    });
  };

  const canStart = !isBusy && selection.uploads.length > 0 && (dataset !== null || name.trim() !== '');
  return (
    <section className={styles.screen} aria-labelledby="import-heading">
      <h2 id="import-heading">
        {dataset ? `Import images into ${dataset.name}` : 'Import images into a new dataset'}
      </h2>
      <form className={styles.form} onSubmit={submit} aria-label="Import images" data-testid="import-form">
        <fieldset className={styles.fieldset} disabled={isBusy}>
          {!dataset && (
            <div className={styles.field}>
              <label htmlFor={nameId}>Dataset name</label>
              <input
                id={nameId}
                value={name}
                onChange={(event) => setName(event.target.value)}
                maxLength={200}
                autoComplete="off"
                required
              />
              <p className="muted">A new name creates the dataset; an existing one imports into it.</p>
            </div>
          )}
          <FilePicker
            selection={selection}
            bytes={bytes}
            requests={batches.length}
            onPicked={(picked) => {
              setSelection(picked);
              setManifest(null);
            }}
          />
          <ManifestFields
            candidates={selection.manifests}
            manifest={manifest}
            onManifest={setManifest}
            columns={columns}
            onColumns={setColumns}
            frames={frames}
            onFrames={setFrames}
          />
        </fieldset>
        <FieldErrorText id={refusalId} error={run?.refusal ?? null} />
        <button className="button" type="submit" disabled={!canStart}>
          {isBusy ? 'Importing…' : 'Start import'}
        </button>
      </form>
      {run && <ImportProgress run={run} onCancel={cancel} onSendRest={() => void sendRest()} />}
      {run && !isBusy && (
        <ImportReportView
          run={run}
          localSkipped={prepared.localSkipped}
          localFailures={prepared.localFailures}
          hasManifest={prepared.hasManifest}
        />
      )}
    </section>
  );
}
