import { describe, expect, it } from 'vitest';
import { studyIdFromSegment, studyPath } from './routes';

describe('study routes', () => {
  it('round-trips a base64url global ID, encoded or not', () => {
    const id = 'U3R1ZHk6MGE1ZTQ2NjgtY2I4Zi00YjFhLTk2ZDMtMTIzNDU2Nzg5MGFi';
    expect(studyPath(id)).toBe(`/studies/${id}`);
    expect(studyIdFromSegment(id)).toBe(id);
  });

  it('encodes characters that would break the path and decodes them back', () => {
    expect(studyPath('a/b=')).toBe('/studies/a%2Fb%3D');
    expect(studyIdFromSegment('a%2Fb%3D')).toBe('a/b=');
  });

  it('keeps a segment that is not valid percent-encoding', () => {
    expect(studyIdFromSegment('100%')).toBe('100%');
  });
});
