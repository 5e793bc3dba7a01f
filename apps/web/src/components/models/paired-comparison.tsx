'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { CompareModelVersionsQuery } from '../../gql/operations';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { comparisonVerdict } from '../../lib/model-comparison';
import { formatInterval, formatPercent } from '../../lib/model-metrics';
import { labelPath } from '../../lib/routes';
import {
  compareModelVersionsQuery,
  discordantImagesShown,
  type ModelVersionDetail,
} from '../../queries/models-query';
import styles from './models.module.css';

type Comparison = CompareModelVersionsQuery['compareModelVersions'];
type Estimate = { estimate: number; successes: number; total: number } | null;

type State =
  | { status: 'loading'; key: string }
  | { status: 'done'; key: string; comparison: Comparison }
  | { status: 'failed'; key: string; message: string };

const estimateText = (estimate: Estimate) =>
  estimate ? `${formatPercent(estimate.estimate)} (${estimate.successes}/${estimate.total})` : '–';

/**
 * Two versions judged on the same test images against today's labels (the API's compareModelVersions): their
 * accuracy there, the paired outcome table with McNemar's test in words, and some of the images only one of
 * them got right, each a link to the labeler. Each version's own metrics rest on the images labelled when it was
 * trained; only this comparison says whether one is better than the other.
 */
export function PairedComparison({
  datasetId,
  left,
  right,
}: {
  datasetId: string;
  left: ModelVersionDetail;
  right: ModelVersionDetail;
}) {
  const key = `${left.id}:${right.id}`;
  const [state, setState] = useState<State>({ status: 'loading', key });

  useEffect(() => {
    if (left.id === right.id) return;
    const controller = new AbortController();
    setState({ status: 'loading', key });
    void queryApiFromBrowser(
      compareModelVersionsQuery,
      { first: left.id, second: right.id, shown: discordantImagesShown },
      controller.signal,
    ).then((result) => {
      if (controller.signal.aborted) return;
      setState(
        result.ok
          ? { status: 'done', key, comparison: result.data.compareModelVersions }
          : { status: 'failed', key, message: [result.error.message, ...result.error.details].join(' ') },
      );
    });
    return () => controller.abort();
  }, [key, left.id, right.id]);

  if (left.id === right.id)
    return (
      <p className="muted" data-testid="paired-comparison">
        Choose two different versions to compare them on the same images.
      </p>
    );
  if (state.key !== key || state.status === 'loading')
    return (
      <p className="muted" data-testid="paired-comparison" aria-busy="true">
        Comparing v{left.version} and v{right.version} on the same test images…
      </p>
    );
  if (state.status === 'failed')
    return (
      <p className={styles.inlineError} role="alert" data-testid="paired-comparison">
        v{left.version} and v{right.version} cannot be compared on the same images: {state.message}
      </p>
    );

  const { comparison } = state;
  const leftOut = [
    comparison.otherCategoryImageCount > 0 &&
      `${comparison.otherCategoryImageCount} with a category one of them does not know`,
    comparison.unpredictedImageCount > 0 &&
      `${comparison.unpredictedImageCount} imported after one of them was trained`,
  ].filter(Boolean);
  const discordant = comparison.discordantImages;
  return (
    <div data-testid="paired-comparison" data-image-count={comparison.imageCount}>
      <h4>On the same test images</h4>
      <p className="muted">
        {comparison.imageCount} labelled test images of {comparison.studyCount} studies that both versions
        predicted, judged against today's labels
        {leftOut.length ? `; left out: ${leftOut.join(', ')}` : ''}.
      </p>
      <p data-testid="comparison-verdict">
        <strong>
          {comparisonVerdict({
            firstVersion: left.version,
            secondVersion: right.version,
            imageCount: comparison.imageCount,
            onlyFirstCorrect: comparison.onlyFirstCorrect,
            onlySecondCorrect: comparison.onlySecondCorrect,
            mcnemarPValue: comparison.mcnemarPValue,
          })}
        </strong>
      </p>
      {comparison.imageCount > 0 && (
        <div className={styles.columns}>
          <div className={styles.tableScroll}>
            <table className={styles.table} data-testid="paired-accuracy">
              <caption className="visually-hidden">
                Accuracy of v{left.version} and v{right.version} on the same test images
              </caption>
              <thead>
                <tr>
                  <th scope="col">On these images</th>
                  <th scope="col" className={styles.number}>
                    v{left.version}
                  </th>
                  <th scope="col" className={styles.number}>
                    v{right.version}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Top-1</th>
                  <td className={styles.number}>
                    {estimateText(comparison.firstAccuracy)}{' '}
                    <span className="muted">
                      {formatInterval(
                        comparison.firstAccuracy?.wilson.lower,
                        comparison.firstAccuracy?.wilson.upper,
                      ) ?? ''}
                    </span>
                  </td>
                  <td className={styles.number}>
                    {estimateText(comparison.secondAccuracy)}{' '}
                    <span className="muted">
                      {formatInterval(
                        comparison.secondAccuracy?.wilson.lower,
                        comparison.secondAccuracy?.wilson.upper,
                      ) ?? ''}
                    </span>
                  </td>
                </tr>
                <tr>
                  <th scope="row">Top-2</th>
                  <td className={styles.number}>{estimateText(comparison.firstTop2Accuracy)}</td>
                  <td className={styles.number}>{estimateText(comparison.secondTop2Accuracy)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div className={styles.tableScroll}>
            <table className={styles.table} data-testid="paired-outcomes">
              <caption className="visually-hidden">
                Images each version got right or wrong (top-1), in pairs
              </caption>
              <thead>
                <tr>
                  <td />
                  <th scope="col" className={styles.number}>
                    v{right.version} right
                  </th>
                  <th scope="col" className={styles.number}>
                    v{right.version} wrong
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">v{left.version} right</th>
                  <td className={styles.number}>{comparison.bothCorrect}</td>
                  <td className={styles.number} data-testid="only-first-correct">
                    {comparison.onlyFirstCorrect}
                  </td>
                </tr>
                <tr>
                  <th scope="row">v{left.version} wrong</th>
                  <td className={styles.number} data-testid="only-second-correct">
                    {comparison.onlySecondCorrect}
                  </td>
                  <td className={styles.number}>{comparison.neitherCorrect}</td>
                </tr>
              </tbody>
            </table>
            <p className="muted">
              Agreement of their first guesses: Cohen's κ ={' '}
              {comparison.kappa === null ? '–' : comparison.kappa.toFixed(2)}
            </p>
          </div>
        </div>
      )}
      {discordant.totalCount > 0 && (
        <>
          <h4>
            Images only one of them got right
            {discordant.totalCount > discordant.edges.length
              ? ` (${discordant.edges.length} of ${discordant.totalCount})`
              : ''}
          </h4>
          <ul className={styles.discordant} data-testid="discordant-images">
            {discordant.edges.map(({ node }) => (
              <li key={node.image.id} data-testid="discordant-image" data-correct={node.correct}>
                <Link
                  href={labelPath(datasetId, node.image.id)}
                  prefetch={false}
                  aria-label={`Open ${node.image.sourceFileName} in the labeler`}
                >
                  {/* biome-ignore lint/performance/noImgElement: thumbnails come from the API */}
                  <img src={node.image.thumbnailUrl} alt="" loading="lazy" width={128} height={128} />
                </Link>
                <span>
                  Label <strong>{node.label.name}</strong>
                </span>
                <span className={node.correct === 'FIRST' ? styles.better : undefined}>
                  v{left.version}: {node.firstGuess.name}
                </span>
                <span className={node.correct === 'SECOND' ? styles.better : undefined}>
                  v{right.version}: {node.secondGuess.name}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
