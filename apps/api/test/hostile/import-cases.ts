import { makeDicom, TRANSFER_SYNTAX } from '../../src/import/test-fixtures/make-dicom';
import { csv, makeJpeg, makePng, pngWithHeader } from '../image-fixtures';
import type { HostileCase } from './case-types';

/** Bytes of the image every import case finds already in its dataset. */
export const SEED_IMAGE = () => makePng(7_001);

/**
 * What an import of the case's folder must end in:
 * - `refused`: the whole import is refused with this `AppError` code before anything is written;
 * - `failures`: every file is refused with its code (file name → code), no image is stored and the only new
 *   row is the import batch recording the refusals; `present` files were already in the dataset;
 * - `accepted`: the files are stored as these formats (the content decides, not the name).
 */
export type ImportExpectation =
  | { refused: string; message: RegExp }
  | { failures: Record<string, string>; present?: number; message?: RegExp }
  | { accepted: Record<string, 'PNG' | 'JPEG' | 'DICOM'> };

export type ImportCase = HostileCase & {
  /** the folder's files (relative path → bytes) */
  files: () => Promise<Record<string, Uint8Array | string>>;
  /** the manifest among `files`, when the import uses one */
  manifest?: string;
  expect: ImportExpectation;
};

const half = (bytes: Uint8Array) => bytes.subarray(0, Math.floor(bytes.length / 2));

/** A DICOM file cut short and overwritten inside its header. */
async function malformedDicom(): Promise<Uint8Array> {
  const damaged = (await makeDicom({ seed: 61 })).bytes.slice(0, 400);
  damaged.fill(0xff, 200);
  return damaged;
}

/** A DICOM header whose pixel data holds half of the bytes its rows and columns need. */
async function shortPixelDicom(): Promise<Uint8Array> {
  return (await makeDicom({ seed: 62, width: 64, height: 64, pixelData: new Uint8Array(2_048) })).bytes;
}

const manifestOf = (rows: string[][], header = ['file', 'label']) => csv(header, rows);

/** 100,000 rows, each naming a file that is not there. */
const HUNDRED_THOUSAND_ROWS = () =>
  `file,label\n${Array.from({ length: 100_000 }, (_, index) => `scan-${index}.png,\n`).join('')}`;

export const IMPORT_CASES: ImportCase[] = [
  {
    kind: 'image file',
    name: 'a PNG cut in half',
    files: async () => ({ 'cut.png': half(await makePng(7_002, { width: 200, height: 150 })) }),
    expect: { failures: { 'cut.png': 'TRUNCATED' } },
  },
  {
    kind: 'image file',
    name: 'a JPEG cut in half',
    files: async () => ({ 'cut.jpg': half(await makeJpeg(7_003, { width: 200, height: 150 })) }),
    expect: { failures: { 'cut.jpg': 'TRUNCATED' } },
  },
  {
    kind: 'image file',
    name: 'a PNG signature and nothing else',
    files: async () => ({ 'signature.png': (await makePng(7_004)).subarray(0, 8) }),
    expect: { failures: { 'signature.png': 'TRUNCATED' } },
  },
  {
    kind: 'image file',
    name: 'zero bytes',
    files: async () => ({ 'empty.png': new Uint8Array(), 'empty.dcm': new Uint8Array() }),
    expect: { failures: { 'empty.png': 'EMPTY_FILE', 'empty.dcm': 'EMPTY_FILE' } },
  },
  {
    kind: 'image file',
    name: 'text named .png',
    files: async () => ({ 'notes.png': 'file,label\na.png,liver\n' }),
    expect: { failures: { 'notes.png': 'NOT_AN_IMAGE' } },
  },
  {
    kind: 'image file',
    name: 'random bytes named .jpg',
    files: async () => ({
      'noise.jpg': Uint8Array.from({ length: 4_096 }, (_, index) => (index * 7_919) % 251),
    }),
    expect: { failures: { 'noise.jpg': 'NOT_AN_IMAGE' } },
  },
  {
    kind: 'image file',
    name: 'PNG bytes named .jpg and JPEG bytes named .png (stored by content)',
    files: async () => ({ 'really-png.jpg': await makePng(7_005), 'really-jpeg.png': await makeJpeg(7_006) }),
    expect: { accepted: { 'really-png.jpg': 'PNG', 'really-jpeg.png': 'JPEG' } },
  },
  {
    kind: 'image file',
    name: 'decompression bomb: a PNG of a few bytes declaring 50,000 × 50,000 pixels',
    files: async () => ({ 'bomb.png': pngWithHeader(50_000, 50_000) }),
    expect: { failures: { 'bomb.png': 'TOO_LARGE' }, message: /50000 × 50000/ },
  },
  {
    kind: 'image file',
    name: 'a PNG declaring 0 × 10 pixels',
    files: async () => ({ 'flat.png': pngWithHeader(0, 10) }),
    expect: { failures: { 'flat.png': 'ZERO_SIZE' } },
  },
  {
    kind: 'DICOM file',
    name: 'malformed DICOM: cut short and overwritten in its header',
    files: async () => ({ 'broken.dcm': await malformedDicom() }),
    expect: { failures: { 'broken.dcm': 'BAD_DICOM' } },
  },
  {
    kind: 'DICOM file',
    name: 'DICOM preamble and magic with nothing after them',
    files: async () => ({
      'magic-only.dcm': Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1')]),
    }),
    expect: { failures: { 'magic-only.dcm': 'BAD_DICOM' } },
  },
  {
    kind: 'DICOM file',
    name: 'DICOM with pixel data shorter than its rows and columns need',
    files: async () => ({ 'short.dcm': await shortPixelDicom() }),
    expect: { failures: { 'short.dcm': 'TRUNCATED' } },
  },
  {
    kind: 'DICOM file',
    name: 'DICOM in an unsupported transfer syntax (JPEG 2000)',
    files: async () => ({
      'j2k.dcm': (await makeDicom({ seed: 63, transferSyntax: TRANSFER_SYNTAX.jpeg2000 })).bytes,
    }),
    expect: {
      failures: { 'j2k.dcm': 'UNSUPPORTED_TRANSFER_SYNTAX' },
      message: /1\.2\.840\.10008\.1\.2\.4\.90/,
    },
  },
  {
    kind: 'file name',
    name: 'a manifest row climbing out of the folder with ../',
    files: async () => ({
      'inner/manifest.csv': manifestOf([
        ['../../outside.png', 'liver'],
        ['../inner/../../x.png', 'liver'],
      ]),
    }),
    manifest: 'inner/manifest.csv',
    expect: { failures: { '../../outside.png': 'OUTSIDE_FOLDER', '../inner/../../x.png': 'OUTSIDE_FOLDER' } },
  },
  {
    kind: 'file name',
    name: 'a manifest row naming an absolute path',
    files: async () => ({ 'manifest.csv': manifestOf([['/etc/passwd', 'liver']]) }),
    manifest: 'manifest.csv',
    expect: { failures: { '/etc/passwd': 'OUTSIDE_FOLDER' } },
  },
  {
    kind: 'file name',
    name: 'files whose names hold control characters (terminal escapes, a newline)',
    files: async () => ({
      'red\u001b[31m.png': await makePng(7_007),
      'two\nlines.png': await makePng(7_008),
    }),
    expect: { failures: { 'red\\u001b[31m.png': 'BAD_FILE_NAME', 'two\\u000alines.png': 'BAD_FILE_NAME' } },
  },
  {
    kind: 'file name',
    name: 'a manifest row whose file name holds a control character',
    files: async () => ({
      'bell.png': await makePng(7_009),
      'manifest.csv': manifestOf([['bell\u0007.png', '']]),
    }),
    manifest: 'manifest.csv',
    expect: { failures: { 'bell\\u0007.png': 'BAD_FILE_NAME' } },
  },
  {
    kind: 'manifest',
    name: 'a manifest without a file column',
    files: async () => ({
      'a.png': await makePng(7_010),
      'manifest.csv': manifestOf([['a.png', 'x']], ['path', 'label']),
    }),
    manifest: 'manifest.csv',
    expect: { refused: 'BAD_INPUT', message: /no "file" column; its columns are "path", "label"/ },
  },
  {
    kind: 'manifest',
    name: 'a manifest with two file columns',
    files: async () => ({ 'manifest.csv': manifestOf([['a.png', 'b.png']], ['file', 'File']) }),
    manifest: 'manifest.csv',
    expect: { refused: 'BAD_INPUT', message: /2 columns named "file"/ },
  },
  {
    kind: 'manifest',
    name: 'an empty manifest (a byte-order mark only)',
    files: async () => ({ 'manifest.csv': '\ufeff' }),
    manifest: 'manifest.csv',
    expect: { refused: 'BAD_INPUT', message: /The manifest is empty/ },
  },
  {
    kind: 'manifest',
    name: 'a manifest with bad quoting (unclosed and stray quotes)',
    files: async () => ({
      'a.png': await makePng(7_011),
      'manifest.csv': 'file,label\nb.png,"liver\n"a.png,spleen\nc.png,"kid"ney\n',
    }),
    manifest: 'manifest.csv',
    expect: { failures: { 'manifest.csv': 'BAD_MANIFEST_ROW' }, message: /Quote/ },
  },
  {
    kind: 'manifest',
    name: 'a manifest row without a file and a row with a malformed crop',
    files: async () => ({
      'a.png': await makePng(7_012),
      'manifest.csv': manifestOf(
        [
          ['', 'liver'],
          ['a.png', 'liver', '1,2,x'],
        ],
        ['file', 'label', 'crop'],
      ),
    }),
    manifest: 'manifest.csv',
    expect: { failures: { 'manifest.csv': 'BAD_MANIFEST_ROW' } },
  },
  {
    kind: 'manifest',
    name: 'a manifest whose label and annotation hold the NUL character',
    files: async () => ({
      'a.png': await makePng(7_013),
      'b.png': await makePng(7_014),
      'manifest.csv': manifestOf(
        [
          ['a.png', 'liv\u0000er', ''],
          ['b.png', '', 'text\u0000'],
        ],
        ['file', 'label', 'annotation'],
      ),
    }),
    manifest: 'manifest.csv',
    expect: { failures: { 'manifest.csv': 'BAD_MANIFEST_ROW' }, message: /NUL/ },
  },
  {
    kind: 'manifest',
    name: 'a manifest row naming a file that is not there',
    files: async () => ({ 'manifest.csv': manifestOf([['missing.png', '']]) }),
    manifest: 'manifest.csv',
    expect: { failures: { 'missing.png': 'FILE_NOT_FOUND' } },
  },
  {
    kind: 'manifest',
    name: 'a manifest of 100,000 rows naming missing files',
    files: async () => ({ 'manifest.csv': HUNDRED_THOUSAND_ROWS() }),
    manifest: 'manifest.csv',
    expect: {
      failures: Object.fromEntries(
        Array.from({ length: 100_000 }, (_, index) => [`scan-${index}.png`, 'FILE_NOT_FOUND']),
      ),
    },
  },
  {
    kind: 'duplicate file',
    name: 'the dataset’s image again under two new names',
    files: async () => ({ 'again.png': await SEED_IMAGE(), 'sub/copy.png': await SEED_IMAGE() }),
    expect: { failures: {}, present: 2 },
  },
  {
    kind: 'duplicate file',
    name: 'a manifest naming the dataset’s image twice',
    files: async () => ({
      'again.png': await SEED_IMAGE(),
      'manifest.csv': manifestOf([
        ['again.png', ''],
        ['./again.png', ''],
      ]),
    }),
    manifest: 'manifest.csv',
    expect: { failures: {}, present: 2 },
  },
];
