import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../../components/error-panel';
import styles from '../../../../../components/reader/reader-studies.module.css';
import { readerReportCss, renderReaderStudyReportBody } from '../../../../../lib/reader-report';
import { readerReportExportPath, readerStudyPath } from '../../../../../lib/reader-routes';
import { datasetPath, idFromSegment } from '../../../../../lib/routes';
import { queryApi } from '../../../../../lib/server-api';
import { readerStudyReportQuery } from '../../../../../queries/reader-study-queries';

type ReaderStudyReportPageProps = { params: Promise<{ id: string; studyId: string }> };

export const metadata: Metadata = { title: 'Reader study report' };

/**
 * A reader study's report, laid out like a paper's results section. The page shows the same HTML that the
 * export writes (one renderer, every text escaped), so what is reviewed here is what is exported.
 */
export default async function ReaderStudyReportPage({ params }: ReaderStudyReportPageProps) {
  const { id: idSegment, studyId: studySegment } = await params;
  const datasetId = idFromSegment(idSegment);
  const studyId = idFromSegment(studySegment);
  const result = await queryApi(readerStudyReportQuery, { id: studyId });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={readerStudyPath(datasetId, studyId)} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The reader study could not be loaded" error={result.error} action={retry} />;
  }
  const study = result.data.readerStudy;
  if (!study || study.dataset.id !== datasetId) notFound();
  const exportHref = readerReportExportPath(datasetId, studyId);
  return (
    <>
      <nav className={styles.exports} aria-label="Report">
        <Link href={datasetPath(datasetId, 'reader-studies')}>← All reader studies</Link>
        <a
          href={exportHref}
          download={`${study.name.replace(/[^\w.-]+/g, '-')}-report.html`}
          data-testid="export-html"
        >
          Download the report (HTML)
        </a>
        <a href={exportHref} target="_blank" rel="noopener">
          Open it to print or save as PDF
        </a>
      </nav>
      <style>{readerReportCss}</style>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the renderer escapes every text it writes */}
      <div dangerouslySetInnerHTML={{ __html: renderReaderStudyReportBody(study) }} />
    </>
  );
}
