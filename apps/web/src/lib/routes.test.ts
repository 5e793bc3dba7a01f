import { describe, expect, it } from 'vitest';
import {
  datasetAnchor,
  datasetPath,
  datasetStudiesPath,
  idFromSegment,
  labelPath,
  studyPath,
} from './routes';

describe('study routes', () => {
  it('round-trips a base64url global ID, encoded or not', () => {
    const id = 'U3R1ZHk6MGE1ZTQ2NjgtY2I4Zi00YjFhLTk2ZDMtMTIzNDU2Nzg5MGFi';
    expect(studyPath(id)).toBe(`/studies/${id}`);
    expect(idFromSegment(id)).toBe(id);
  });

  it('encodes characters that would break the path and decodes them back', () => {
    expect(studyPath('a/b=')).toBe('/studies/a%2Fb%3D');
    expect(idFromSegment('a%2Fb%3D')).toBe('a/b=');
  });

  it('keeps a segment that is not valid percent-encoding', () => {
    expect(idFromSegment('100%')).toBe('100%');
  });
});

describe('dataset routes', () => {
  it('names each screen of a dataset', () => {
    expect(datasetPath('RGF0YXNldDox')).toBe('/datasets/RGF0YXNldDox');
    expect(datasetPath('RGF0YXNldDox', 'queue')).toBe('/datasets/RGF0YXNldDox/queue');
    expect(datasetPath('a/b', 'models')).toBe('/datasets/a%2Fb/models');
  });

  it('puts the review strategy of the labeler in its query string', () => {
    expect(labelPath('d', 'i')).toBe('/datasets/d/label/i');
    expect(labelPath('d', 'i/j', 'MARGIN')).toBe('/datasets/d/label/i%2Fj?strategy=MARGIN');
  });
});

describe('dataset studies route', () => {
  it('points at the dataset’s section of the datasets list', () => {
    expect(datasetStudiesPath('RGF0YXNldDox')).toBe('/#dataset-RGF0YXNldDox');
    expect(datasetAnchor('RGF0YXNldDox')).toBe('dataset-RGF0YXNldDox');
  });
});
