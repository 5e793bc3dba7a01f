import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../components/error-panel';
import { ImageBrowser } from '../../../../components/images/image-browser';
import { ImageFilterForm } from '../../../../components/images/image-filter-form';
import { hasImageFilters, imageQueryArguments, readImageFilterForm } from '../../../../lib/image-filters';
import { canCurate, canLabel } from '../../../../lib/roles';
import { datasetPath, idFromSegment } from '../../../../lib/routes';
import { loadViewer, queryApi } from '../../../../lib/server-api';
import { datasetImagesQuery } from '../../../../queries/dataset-images-query';
import { imagesPerPage } from '../../../../queries/study-query';

export const metadata: Metadata = { title: 'Images' };

type ImagesPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * A dataset's images under filters that match the API's, in a grid that stays smooth with thousands; those
 * who may label or curate select many of them to label, exclude or include at once.
 */
export default async function ImagesPage({ params, searchParams }: ImagesPageProps) {
  const id = idFromSegment((await params).id);
  const form = readImageFilterForm(await searchParams);
  const query = imageQueryArguments(form);
  const [result, viewer] = await Promise.all([
    queryApi(datasetImagesQuery, { id, first: imagesPerPage, after: null, ...query, withChoices: true }),
    loadViewer(),
  ]);
  const action = datasetPath(id, 'images');
  if (!result.ok) {
    const retry = (
      <Link className="button" href={action} prefetch={false}>
        Clear the filters
      </Link>
    );
    return <ErrorPanel title="The images could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset } = result.data;
  if (!dataset) notFound();
  const { images } = dataset;
  const studies = (dataset.studies?.edges ?? []).map(({ node }) => ({ id: node.id, name: node.key }));
  return (
    <>
      <h2 className="visually-hidden">Images</h2>
      <ImageFilterForm
        action={action}
        values={form}
        categories={dataset.categories ?? []}
        studies={studies}
      />
      <ImageBrowser
        // A new filter is a new list: start over (and with nothing selected) rather than keep the old one.
        key={JSON.stringify(query)}
        datasetId={dataset.id}
        source={{ kind: 'dataset', datasetId: dataset.id, ...query }}
        firstPage={images}
        filtered={hasImageFilters(form)}
        categories={(dataset.categories ?? []).filter((category) => !category.archived)}
        canLabel={canLabel(viewer?.role)}
        canCurate={canCurate(viewer?.role)}
      />
    </>
  );
}
