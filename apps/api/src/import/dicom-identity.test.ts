import { describe, expect, it } from 'vitest';
import { isDicom, readDicom, studyKeyOf } from './dicom';
import { makeDicom } from './test-fixtures/make-dicom';

const options = { frames: 'all' as const, uidSalt: 'dataset-salt', maxDimension: 4096 };

describe('readDicom, identity', () => {
  it('keys the study by a salted hash of its UID, and keeps the image comments', async () => {
    const { bytes, studyInstanceUid } = await makeDicom({ imageComments: 'LT KIDNEY LONG ' });
    const result = await readDicom(bytes, options);
    expect(result.studyKey).toBe(studyKeyOf(studyInstanceUid!, 'dataset-salt'));
    expect(result.studyKey).toMatch(/^[0-9a-f]{64}$/);
    expect((await readDicom(bytes, { ...options, uidSalt: 'other-salt' })).studyKey).not.toBe(
      result.studyKey,
    );
    expect(result.annotation).toBe('LT KIDNEY LONG');
    const anonymous = await makeDicom({ omit: ['StudyInstanceUID'] });
    const withoutStudy = await readDicom(anonymous.bytes, options);
    expect(withoutStudy.studyKey).toBeNull();
    expect(withoutStudy).not.toHaveProperty('annotation');
  });

  it('lets no identifier of the file through, in the result or in the PNG bytes', async () => {
    const fixture = await makeDicom({ seed: 7, frames: 2, imageComments: 'GB' });
    const bytesText = Buffer.from(fixture.bytes).toString('latin1');
    expect(fixture.identifierValues.length).toBeGreaterThan(100);
    for (const value of fixture.identifierValues) expect(bytesText).toContain(value);
    const result = await readDicom(fixture.bytes, options);
    const json = JSON.stringify({ ...result, frames: result.frames.map(({ png, ...frame }) => frame) });
    const pngText = result.frames.map((frame) => Buffer.from(frame.png).toString('latin1')).join('');
    for (const value of fixture.identifierValues) {
      expect(json).not.toContain(value);
      expect(pngText).not.toContain(value);
    }
  });

  it('recognises a DICOM file by its magic', async () => {
    expect(isDicom((await makeDicom()).bytes)).toBe(true);
    expect(isDicom(new Uint8Array(200))).toBe(false);
    expect(isDicom(new Uint8Array())).toBe(false);
  });

  it('needs a salt', async () => {
    await expect(readDicom((await makeDicom()).bytes, { ...options, uidSalt: '' })).rejects.toThrow(
      'uidSalt',
    );
  });
});
