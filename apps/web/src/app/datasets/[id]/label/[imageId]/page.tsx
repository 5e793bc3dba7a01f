import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../../components/error-panel';
import { Labeler } from '../../../../../components/labeler/labeler';
import { userIdOf } from '../../../../../lib/exclusions';
import { strategyFromParam, strategyTitle } from '../../../../../lib/queue-strategies';
import { canCurate } from '../../../../../lib/roles';
import { datasetPath, idFromSegment, labelPath } from '../../../../../lib/routes';
import { loadViewer, queryApi } from '../../../../../lib/server-api';
import { labelerStartQuery } from '../../../../../queries/labeler-queries';

type LabelPageProps = {
  params: Promise<{ id: string; imageId: string }>;
  searchParams: Promise<{ strategy?: string | string[] }>;
};

export const metadata: Metadata = { title: 'Label' };

/** The labeler for one image; with `?strategy=`, the review queue's continuous flow. */
export default async function LabelPage({ params, searchParams }: LabelPageProps) {
  const { id: idSegment, imageId: imageSegment } = await params;
  const datasetId = idFromSegment(idSegment);
  const imageId = idFromSegment(imageSegment);
  const requested = (await searchParams).strategy;
  const strategy = strategyFromParam(requested);
  if (requested !== undefined && !strategy) {
    const name = Array.isArray(requested) ? requested[0] : requested;
    return (
      <ErrorPanel
        title="Unknown review strategy"
        error={{
          code: 'GRAPHQL_ERROR',
          message: `There is no review strategy called “${name}”.`,
          details: [],
        }}
        action={
          <Link className="button" href={datasetPath(datasetId, 'queue')}>
            Choose a strategy
          </Link>
        }
      />
    );
  }
  const [result, viewer] = await Promise.all([
    queryApi(labelerStartQuery, { imageId, datasetId }),
    loadViewer(),
  ]);
  if (!result.ok) {
    const retry = (
      <Link className="button" href={labelPath(datasetId, imageId, strategy ?? undefined)} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="This image could not be loaded" error={result.error} action={retry} />;
  }
  const { image, dataset } = result.data;
  if (!image || !dataset) notFound();
  return (
    <section aria-labelledby="labeler-title">
      <h2 id="labeler-title" className="visually-hidden">
        {strategy ? `Review queue: ${strategyTitle(strategy)}` : 'Label an image'}
      </h2>
      <Labeler
        key={`${strategy ?? 'study'}:${image.id}`}
        datasetId={dataset.id}
        categories={dataset.categories}
        initialImage={image}
        strategy={strategy}
        viewerUserId={userIdOf(viewer?.user.id)}
        canExclude={canCurate(viewer?.role)}
      />
    </section>
  );
}
