import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { ImageGrid } from '../../../components/image-grid';
import { StudyCropPanel } from '../../../components/studies/study-crop-panel';
import { VirtualImageGrid } from '../../../components/virtual-image-grid';
import { formatCount } from '../../../lib/format';
import { canCurate } from '../../../lib/roles';
import { datasetPath, idFromSegment, studyPath } from '../../../lib/routes';
import { loadViewer, queryApi } from '../../../lib/server-api';
import { imagesPerPage, studyQuery } from '../../../queries/study-query';

type StudyPageProps = { params: Promise<{ id: string }> };

/** One request per render, shared by the metadata and the page. */
const loadStudy = cache((id: string) => queryApi(studyQuery, { id, first: imagesPerPage, after: null }));

export async function generateMetadata({ params }: StudyPageProps): Promise<Metadata> {
  const result = await loadStudy(idFromSegment((await params).id));
  return { title: result.ok && result.data.study ? `Study ${result.data.study.key}` : 'Study' };
}

export default async function StudyPage({ params }: StudyPageProps) {
  const id = idFromSegment((await params).id);
  const [result, viewer] = await Promise.all([loadStudy(id), loadViewer()]);
  if (!result.ok) {
    const retry = (
      <Link className="button" href={studyPath(id)} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="This study could not be loaded" error={result.error} action={retry} />;
  }
  const { study } = result.data;
  if (!study) notFound();
  const { images } = study;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Datasets</Link> <span aria-hidden="true">/</span>{' '}
        <Link href={datasetPath(study.dataset.id)}>{study.dataset.name}</Link>
      </nav>
      <h1 data-testid="study-title">Study {study.key}</h1>
      <p className="muted" data-testid="study-summary">
        {formatCount(images.totalCount, 'image')} in {study.dataset.name}
      </p>
      <StudyCropPanel studyId={study.id} initial={study.cropBox ?? null} canEdit={canCurate(viewer?.role)} />
      {images.totalCount === 0 ? (
        <p className="empty">This study has no images.</p>
      ) : images.pageInfo.hasNextPage ? (
        <VirtualImageGrid
          datasetId={study.dataset.id}
          source={{ kind: 'study', studyId: study.id }}
          firstPage={images}
        />
      ) : (
        <ImageGrid images={images.edges.map((edge) => edge.node)} datasetId={study.dataset.id} />
      )}
    </>
  );
}
