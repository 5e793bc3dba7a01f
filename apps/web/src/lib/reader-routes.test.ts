import { describe, expect, it } from 'vitest';
import {
  parseReaderIds,
  readerAssignmentPath,
  readerReportExportPath,
  readerStudyPath,
} from './reader-routes';

describe('reader routes', () => {
  it('encodes the ids in the paths', () => {
    expect(readerStudyPath('RGF0/YQ', 'U3R1+ZHk=')).toBe('/datasets/RGF0%2FYQ/reader-studies/U3R1%2BZHk%3D');
    expect(readerReportExportPath('d', 's')).toBe('/datasets/d/reader-studies/s/report.html');
    expect(readerAssignmentPath('a/b')).toBe('/read/a%2Fb');
  });

  it('reads pasted reader ids, each once', () => {
    expect(parseReaderIds(' VXNlcjox\nVXNlcjoy, VXNlcjox;VXNlcjoz  ')).toEqual([
      'VXNlcjox',
      'VXNlcjoy',
      'VXNlcjoz',
    ]);
    expect(parseReaderIds(' \n ,')).toEqual([]);
  });
});
