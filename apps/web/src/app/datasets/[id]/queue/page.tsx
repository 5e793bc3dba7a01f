import type { Metadata } from 'next';
import { QueueScreen } from '../../../../components/labeler/queue-screen';
import { defaultStrategy, strategyFromParam } from '../../../../lib/queue-strategies';
import { idFromSegment } from '../../../../lib/routes';

type QueuePageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ strategy?: string | string[] }>;
};

export const metadata: Metadata = { title: 'Review queue' };

/** The review queue: a strategy, the images it hands this annotator, and why each was chosen. */
export default async function QueuePage({ params, searchParams }: QueuePageProps) {
  const datasetId = idFromSegment((await params).id);
  const strategy = strategyFromParam((await searchParams).strategy) ?? defaultStrategy;
  return <QueueScreen key={strategy} datasetId={datasetId} strategy={strategy} />;
}
