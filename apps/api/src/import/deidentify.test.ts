import dcmjs from 'dcmjs';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ATTRIBUTES } from './deidentify';
import { makeDicom } from './test-fixtures/make-dicom';

const elementKey = (tag: string) => `x${tag.replace(/[(),]/g, '').toLowerCase()}`;

describe('BASIC_PROFILE_ATTRIBUTES', () => {
  it('lists each attribute once, under the keyword the DICOM dictionary gives its tag', () => {
    expect(BASIC_PROFILE_ATTRIBUTES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BASIC_PROFILE_ATTRIBUTES.map(({ tag }) => tag)).size).toBe(
      BASIC_PROFILE_ATTRIBUTES.length,
    );
    for (const { tag, keyword } of BASIC_PROFILE_ATTRIBUTES) {
      const name = dcmjs.data.DicomMetaDictionary.dictionary[tag]?.name.replace(/^RETIRED_/, '');
      expect([tag, name]).toEqual([tag, keyword]);
    }
  });

  it('covers the attributes a reviewer looks for first', () => {
    const keywords = BASIC_PROFILE_ATTRIBUTES.map(({ keyword }) => keyword);
    const expected = [
      'PatientName',
      'PatientID',
      'PatientBirthDate',
      'PatientAddress',
      'OtherPatientIDs',
      'AccessionNumber',
      'InstitutionName',
      'InstitutionAddress',
      'ReferringPhysicianName',
      'OperatorsName',
      'StudyDate',
      'StudyInstanceUID',
      'SeriesInstanceUID',
      'SOPInstanceUID',
      'DeviceSerialNumber',
      'StationName',
    ];
    expect(keywords).toEqual(expect.arrayContaining(expected));
  });
});

describe('makeDicom fixture', () => {
  it('fills every profile attribute but Image Comments, plus a private tag', async () => {
    const { bytes, identifierValues } = await makeDicom({ seed: 3 });
    const dataSet = dicomParser.parseDicom(Buffer.from(bytes));
    const missing = BASIC_PROFILE_ATTRIBUTES.filter(({ tag }) => !dataSet.elements[elementKey(tag)]).map(
      (a) => a.keyword,
    );
    expect(missing).toEqual(['ImageComments']);
    expect(dataSet.string('x00091001')).toBe('PRIVATE3SECRET');
    expect(new Set(identifierValues).size).toBe(identifierValues.length);
  });

  it('gives different files different identifier values', async () => {
    const first = await makeDicom({ seed: 1 });
    const second = await makeDicom({ seed: 2 });
    const shared = first.identifierValues.filter((value) => second.identifierValues.includes(value));
    expect(shared.length).toBeLessThanOrEqual(1);
  });
});
