import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../components/error-panel';
import { ModelsScreen } from '../../../../components/models/models-screen';
import { datasetPath, idFromSegment } from '../../../../lib/routes';
import { queryApi } from '../../../../lib/server-api';
import { datasetModelsQuery, modelVersionsShown } from '../../../../queries/models-query';

export const metadata: Metadata = { title: 'Models' };

type ModelsPageProps = { params: Promise<{ id: string }> };

/** A dataset's model versions, their test metrics, comparison and promotion. */
export default async function ModelsPage({ params }: ModelsPageProps) {
  const id = idFromSegment((await params).id);
  const result = await queryApi(datasetModelsQuery, { id, first: modelVersionsShown });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id, 'models')} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The model versions could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset, me } = result.data;
  if (!dataset) notFound();
  return (
    <ModelsScreen
      datasetId={dataset.id}
      initialVersions={dataset.modelVersions.edges.map((edge) => edge.node)}
      totalCount={dataset.modelVersions.totalCount}
      canPromote={me.role === 'ADMIN' || me.role === 'DATA_SCIENTIST'}
      trainingSettings={dataset.trainingSettings}
    />
  );
}
