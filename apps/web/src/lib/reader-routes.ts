import { datasetPath } from './routes';

/** The report of a reader study of a dataset. */
export function readerStudyPath(datasetId: string, studyId: string): string {
  return `${datasetPath(datasetId, 'reader-studies')}/${encodeURIComponent(studyId)}`;
}

/** The report of a reader study as one self-contained HTML file. */
export function readerReportExportPath(datasetId: string, studyId: string): string {
  return `${readerStudyPath(datasetId, studyId)}/report.html`;
}

/** A reader's screen for one of their assignments. */
export function readerAssignmentPath(assignmentId: string): string {
  return `/read/${encodeURIComponent(assignmentId)}`;
}

/** Reader ids pasted one a line, or separated by commas, semicolons or spaces; each once, in order. */
export function parseReaderIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((part) => part.length > 0))];
}
