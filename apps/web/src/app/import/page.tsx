import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportScreen } from '../../components/import/import-screen';
import { canCurate } from '../../lib/roles';
import { loadViewer } from '../../lib/server-api';

export const metadata: Metadata = { title: 'New dataset' };

/** Create a dataset by importing images into it from the browser. */
export default async function NewDatasetImportPage() {
  const viewer = await loadViewer();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Datasets</Link> <span aria-hidden="true">/</span> <span>New dataset</span>
      </nav>
      <h1>New dataset</h1>
      {canCurate(viewer?.role) ? (
        <ImportScreen dataset={null} />
      ) : (
        <p className="empty" data-testid="import-not-allowed">
          Only annotators, data scientists and administrators import images.
        </p>
      )}
    </>
  );
}
