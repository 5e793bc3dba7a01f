'use client';

import { useState } from 'react';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatInterval, formatPercent, formatRatio, readRawMetrics } from '../../lib/model-metrics';
import { useSubscription } from '../../live/live-provider';
import {
  type ModelVersionDetail,
  modelVersionDetailCreatedSubscription,
  promoteModelVersionMutation,
} from '../../queries/models-query';
import { AccuracyChart } from './accuracy-chart';
import { ConfusionHeatmap } from './confusion-heatmap';
import styles from './models.module.css';
import { PairedComparison } from './paired-comparison';
import { PerClassTable } from './per-class-table';
import { ReliabilityDiagram } from './reliability-diagram';
import { TrainingSettingsPanel, type TrainingSettingsValue } from './training-settings-panel';
import { VersionCompare } from './version-compare';

type ModelsScreenProps = {
  datasetId: string;
  initialVersions: readonly ModelVersionDetail[];
  /** All versions of the dataset; the screen loads the newest ones. */
  totalCount: number;
  canPromote: boolean;
  trainingSettings: TrainingSettingsValue;
};

const newestFirst = (versions: readonly ModelVersionDetail[]) =>
  [...versions].sort((a, b) => b.version - a.version);

/**
 * A dataset's model versions: accuracy over time, the chosen version's confusion matrix, per-class table and
 * calibration, two versions side by side, and promotion. New versions appear as they are trained.
 */
export function ModelsScreen({
  datasetId,
  initialVersions,
  totalCount,
  canPromote,
  trainingSettings,
}: ModelsScreenProps) {
  const [versions, setVersions] = useState(() => newestFirst(initialVersions));
  // Null follows the newest version as new ones arrive.
  const [shownId, setShownId] = useState<string | null>(null);
  const [leftId, setLeftId] = useState<string | null>(null);
  const [rightId, setRightId] = useState<string | null>(null);
  const [promoting, setPromoting] = useState<string | null>(null);
  const [promoteError, setPromoteError] = useState<{ version: number; message: string } | null>(null);

  useSubscription(modelVersionDetailCreatedSubscription, { datasetId }, (event) => {
    const created = event.modelVersionCreated;
    setVersions((current) =>
      current.some((version) => version.id === created.id) ? current : newestFirst([...current, created]),
    );
  });

  const promote = async (version: ModelVersionDetail) => {
    setPromoting(version.id);
    setPromoteError(null);
    const result = await queryApiFromBrowser(promoteModelVersionMutation, { id: version.id });
    setPromoting(null);
    if (!result.ok) {
      setPromoteError({
        version: version.version,
        message: [result.error.message, ...result.error.details].join(' '),
      });
      return;
    }
    const promotedId = result.data.promoteModelVersion.id;
    setVersions((current) => current.map((row) => ({ ...row, isPromoted: row.id === promotedId })));
  };

  // The same keyed element in both layouts: when the first version arrives while someone is editing the
  // settings, the form keeps what they typed instead of starting again.
  const settingsSection = (
    <section key="training-settings" className={styles.panel} aria-labelledby="models-settings">
      <h3 id="models-settings">Training settings</h3>
      <TrainingSettingsPanel datasetId={datasetId} initial={trainingSettings} canEdit={canPromote} />
    </section>
  );

  if (versions.length === 0)
    return (
      <>
        <h2>Models</h2>
        <p className="empty" data-testid="no-models">
          No model version yet. Label some images (or start a training run on the Jobs screen) and the first
          version appears here.
        </p>

        {settingsSection}
      </>
    );

  const byId = (id: string | null) => versions.find((version) => version.id === id);
  const shown = byId(shownId) ?? versions[0]!;
  const right = byId(rightId) ?? versions[0]!;
  const left = byId(leftId) ?? versions[1] ?? versions[0]!;
  const raw = readRawMetrics(shown.metrics.raw);
  const versionOptions = versions.map((version) => (
    <option key={version.id} value={version.id}>
      v{version.version}
      {version.isPromoted ? ' (promoted)' : ''}
      {version.hasPredictions ? '' : ' (predictions not kept)'}
    </option>
  ));

  return (
    <>
      <h2>Models</h2>
      {totalCount > initialVersions.length && (
        <p className="muted">
          Showing the newest {initialVersions.length} of {totalCount} versions.
        </p>
      )}
      <section className={styles.panel} aria-labelledby="models-history">
        <h3 id="models-history">Accuracy over versions</h3>
        <AccuracyChart versions={versions} />
      </section>

      <section className={styles.panel} aria-labelledby="models-versions">
        <h3 id="models-versions">Versions</h3>
        {promoteError && (
          <p className={styles.inlineError} role="alert" data-testid="promote-error">
            Version {promoteError.version} could not be promoted: {promoteError.message}
          </p>
        )}
        {!canPromote && <p className="muted">Only data scientists and admins can promote a version.</p>}
        <div className={styles.tableScroll}>
          <table className={styles.table} data-testid="versions-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Trained</th>
                <th scope="col" className={styles.number}>
                  Training labels
                </th>
                <th scope="col" className={styles.number}>
                  Test images
                </th>
                <th scope="col" className={styles.number}>
                  Top-1 (95 % CI)
                </th>
                <th scope="col" className={styles.number}>
                  Top-2 (95 % CI)
                </th>
                <th scope="col" className={styles.number}>
                  Macro F1
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr
                  key={version.id}
                  data-testid="version-row"
                  data-version={version.version}
                  data-promoted={version.isPromoted}
                  className={version.id === shown.id ? styles.selectedRow : undefined}
                >
                  <th scope="row">v{version.version}</th>
                  <td>{new Date(version.createdAt).toLocaleString('en')}</td>
                  <td className={styles.number}>{version.trainingLabelCount}</td>
                  <td className={styles.number}>{version.metrics.testImageCount}</td>
                  <td className={styles.number}>
                    {formatPercent(version.metrics.accuracy)}{' '}
                    <span className="muted">
                      {formatInterval(version.metrics.accuracyLower, version.metrics.accuracyUpper) ?? ''}
                    </span>
                  </td>
                  <td className={styles.number}>
                    {formatPercent(version.metrics.top2Accuracy)}{' '}
                    <span className="muted">
                      {formatInterval(version.metrics.top2Lower, version.metrics.top2Upper) ?? ''}
                    </span>
                  </td>
                  <td className={styles.number}>{formatRatio(version.metrics.macroF1)}</td>
                  <td>
                    {version.isPromoted ? (
                      <span className={styles.promoted} data-testid="promoted-mark">
                        ★ Promoted
                      </span>
                    ) : canPromote ? (
                      <button
                        type="button"
                        className="button button-quiet"
                        disabled={promoting !== null}
                        onClick={() => void promote(version)}
                      >
                        {promoting === version.id ? 'Promoting…' : `Promote v${version.version}`}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section
        className={styles.panel}
        aria-labelledby="models-detail"
        data-testid="version-detail"
        data-version={shown.version}
      >
        <h3 id="models-detail">Version {shown.version} on its test images</h3>
        <div className={styles.controls}>
          <label className={styles.field}>
            Show version
            <select value={shown.id} onChange={(event) => setShownId(event.target.value)}>
              {versionOptions}
            </select>
          </label>
          <p className={`muted ${styles.detailNote}`}>
            {shown.metrics.testImageCount} test images · head {shown.head} · {shown.trainingLabelCount}{' '}
            training labels
            {shown.metrics.note ? ` · ${shown.metrics.note}` : ''}
            {shown.hasPredictions ? '' : ' · its per-image predictions are no longer kept'}
          </p>
        </div>
        <div className={styles.detailGrid}>
          <div>
            <h4>Confusion matrix</h4>
            <ConfusionHeatmap
              confusion={shown.metrics.confusion}
              categories={shown.categories}
              caption={`Confusion matrix of version ${shown.version}: rows are the true categories, columns the predicted ones`}
            />
          </div>
          <div>
            <h4>Per category</h4>
            <PerClassTable perClass={raw.perClass} categories={shown.categories} />
          </div>
          <div>
            <h4>Calibration</h4>
            <ReliabilityDiagram
              bins={raw.reliability}
              expectedCalibrationError={shown.metrics.expectedCalibrationError}
            />
          </div>
        </div>
      </section>

      <section className={styles.panel} aria-labelledby="models-compare" data-testid="version-compare">
        <h3 id="models-compare">Compare two versions</h3>
        <div className={styles.controls}>
          <label className={styles.field}>
            First version
            <select value={left.id} onChange={(event) => setLeftId(event.target.value)}>
              {versionOptions}
            </select>
          </label>
          <label className={styles.field}>
            Second version
            <select value={right.id} onChange={(event) => setRightId(event.target.value)}>
              {versionOptions}
            </select>
          </label>
        </div>
        <PairedComparison datasetId={datasetId} left={left} right={right} />
        <h4>Each on its own test images</h4>
        <VersionCompare left={left} right={right} />
      </section>

      {settingsSection}
    </>
  );
}
