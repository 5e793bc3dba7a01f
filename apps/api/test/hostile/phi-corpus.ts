import dcmjs from 'dcmjs';
import { BASIC_PROFILE_ATTRIBUTES } from '../../src/import/deidentify';
import { type DicomFixture, makeDicom, TRANSFER_SYNTAX } from '../../src/import/test-fixtures/make-dicom';
import type { HostileCase } from './case-types';

/**
 * DICOM files with every attribute of the basic confidentiality profile that can hold a value filled with a
 * marker unique to the file and the attribute (plus a private tag and Image Comments), in every encoding the
 * import reads, and two it refuses. `imported` is the number of images each yields.
 */
export type PhiFile = HostileCase & { file: string; make: () => Promise<DicomFixture>; imported: number };

const withComments = async (seed: number, options: Parameters<typeof makeDicom>[0] = {}) => {
  const imageComments = `PHICOMMENT${seed}TEXT`;
  const fixture = await makeDicom({ seed, imageComments, ...options });
  return { ...fixture, identifierValues: [...fixture.identifierValues, imageComments] };
};

export const PHI_FILES: PhiFile[] = [
  {
    kind: 'PHI',
    name: 'explicit little endian, 8-bit',
    file: 'explicit.dcm',
    make: () => withComments(41),
    imported: 1,
  },
  {
    kind: 'PHI',
    name: 'implicit little endian, 12 of 16 bits, 3 frames',
    file: 'implicit.dcm',
    make: () =>
      withComments(42, {
        transferSyntax: TRANSFER_SYNTAX.implicitLittle,
        bitsAllocated: 16,
        bitsStored: 12,
        frames: 3,
      }),
    imported: 3,
  },
  {
    kind: 'PHI',
    name: 'explicit big endian',
    file: 'big-endian.dcm',
    make: () => withComments(43, { transferSyntax: TRANSFER_SYNTAX.explicitBig, width: 18 }),
    imported: 1,
  },
  {
    kind: 'PHI',
    name: 'deflated explicit little endian',
    file: 'deflated.dcm',
    make: () => withComments(44, { transferSyntax: TRANSFER_SYNTAX.deflated, width: 20 }),
    imported: 1,
  },
  {
    kind: 'PHI',
    name: 'JPEG baseline, colour, 2 frames without an offset table',
    file: 'jpeg.dcm',
    make: () =>
      withComments(45, {
        transferSyntax: TRANSFER_SYNTAX.jpegBaseline,
        photometric: 'RGB',
        frames: 2,
        hasOffsetTable: false,
      }),
    imported: 2,
  },
  {
    kind: 'PHI',
    name: 'no Study Instance UID (the study comes from the folder)',
    file: 'no-study.dcm',
    make: () => withComments(46, { omit: ['StudyInstanceUID'], width: 22 }),
    imported: 1,
  },
  {
    kind: 'PHI',
    name: 'refused: JPEG 2000 (its failure message names no identifier)',
    file: 'refused-j2k.dcm',
    make: () => withComments(47, { transferSyntax: TRANSFER_SYNTAX.jpeg2000 }),
    imported: 0,
  },
  {
    kind: 'PHI',
    name: 'refused: pixel data cut short',
    file: 'refused-short.dcm',
    make: () => withComments(48, { width: 64, height: 64, pixelData: new Uint8Array(1_000) }),
    imported: 0,
  },
];

/** Profile attributes whose value cannot carry a marker (a number of a fixed binary form). */
export const UNMARKED_PROFILE_ATTRIBUTES = BASIC_PROFILE_ATTRIBUTES.filter(
  ({ tag }) => dcmjs.data.DicomMetaDictionary.dictionary[tag]?.vr === 'US',
).map(({ keyword }) => keyword);

/** The markers found in any of the byte strings (read as Latin-1, so that every byte is one character). */
export function markersIn(markers: readonly string[], haystacks: Iterable<Uint8Array | string>): string[] {
  // One alternation, longest first, scans each haystack once however many markers there are.
  const escaped = [...markers]
    .sort((a, b) => b.length - a.length)
    .map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('|'), 'g');
  const found = new Set<string>();
  for (const haystack of haystacks) {
    const text = typeof haystack === 'string' ? haystack : Buffer.from(haystack).toString('latin1');
    for (const match of text.matchAll(pattern)) found.add(match[0]);
  }
  return [...found].sort();
}
