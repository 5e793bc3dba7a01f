import { renderReaderStudyReport } from '../../../../../../lib/reader-report';
import { idFromSegment } from '../../../../../../lib/routes';
import { queryApi } from '../../../../../../lib/server-api';
import { readerStudyReportQuery } from '../../../../../../queries/reader-study-queries';

type RouteContext = { params: Promise<{ id: string; studyId: string }> };

const statusOf: Record<string, number> = { FORBIDDEN: 403, NOT_FOUND: 404, BAD_INPUT: 400 };

/**
 * A reader study's report as one self-contained HTML file (inline CSS and SVG, nothing fetched from
 * elsewhere): to archive, to send, or to print to PDF.
 */
export async function GET(_request: Request, { params }: RouteContext): Promise<Response> {
  const { id, studyId } = await params;
  const result = await queryApi(readerStudyReportQuery, { id: idFromSegment(studyId) });
  if (!result.ok) {
    const code = result.error.apiCode ?? result.error.code;
    return new Response(`${code}: ${result.error.message}\n`, {
      status: statusOf[code] ?? 502,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const study = result.data.readerStudy;
  if (!study || study.dataset.id !== idFromSegment(id))
    return new Response('NOT_FOUND: no such reader study in this dataset.\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  return new Response(renderReaderStudyReport(study), {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // Nothing the report needs comes from elsewhere; a browser opening the file is told so too.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
  });
}
