import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CategoriesScreen } from '../../../../components/categories/categories-screen';
import { ErrorPanel } from '../../../../components/error-panel';
import { datasetPath, idFromSegment } from '../../../../lib/routes';
import { queryApi } from '../../../../lib/server-api';
import { categoriesScreenQuery } from '../../../../queries/categories-queries';

type CategoriesPageProps = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Categories' };

/** Create, rename, merge and archive a dataset's categories; map technologist text to them. */
export default async function CategoriesPage({ params }: CategoriesPageProps) {
  const id = idFromSegment((await params).id);
  const result = await queryApi(categoriesScreenQuery, { id });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id, 'categories')} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The categories could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset } = result.data;
  if (!dataset) notFound();
  return <CategoriesScreen key={dataset.id} datasetId={dataset.id} initial={dataset} />;
}
