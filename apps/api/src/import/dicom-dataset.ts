import dcmjs, { type DicomDataset } from 'dcmjs';
import { isDicom } from './dicom-magic';
import { causeMessage, ImportFileError } from './errors';

// dcmjs reports every implicit-VR pixel element as a validation error; the import checks pixels itself.
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

export type ParsedDicom = { transferSyntaxUid: string; dataset: DicomDataset };

/** Parses a DICOM Part-10 file with dcmjs. */
export function parseDicom(bytes: Uint8Array): ParsedDicom {
  if (!isDicom(bytes)) throw new ImportFileError('BAD_DICOM', 'No DICOM Part-10 header (DICM after 128 bytes).');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const file = dcmjs.data.DicomMessage.readFile(buffer);
    const transferSyntaxUid = textOf(file.meta, '00020010');
    if (!transferSyntaxUid) throw new Error('the file meta information has no transfer syntax');
    return { transferSyntaxUid, dataset: file.dict };
  } catch (error) {
    throw new ImportFileError('BAD_DICOM', `The DICOM file cannot be parsed (${causeMessage(error)}).`);
  }
}

/** The first value of an element as trimmed text, or undefined when absent or empty. */
export function textOf(dataset: DicomDataset, tag: string): string | undefined {
  const value = dataset[tag]?.Value?.[0];
  if (value === undefined || value === null) return undefined;
  const text = String(value).replace(/\0/g, '').trim();
  return text === '' ? undefined : text;
}

/** The first value of an element as a number, or `fallback` when absent. */
export function numberOf(dataset: DicomDataset, tag: string, fallback?: number): number {
  const text = textOf(dataset, tag);
  const value = text === undefined ? fallback : Number(text);
  if (value === undefined || !Number.isFinite(value)) {
    throw new ImportFileError('BAD_DICOM', `The DICOM element (${tag.slice(0, 4)},${tag.slice(4)}) is missing or not a number.`);
  }
  return value;
}

/** The Image Pixel module attributes that say how to read the pixel data. */
export type PixelModule = {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  isSigned: boolean;
  photometric: string;
  isPlanar: boolean;
  numberOfFrames: number;
};

/** Reads the pixel module and checks the image size before any pixel is touched. */
export function readPixelModule(dataset: DicomDataset, maxDimension: number): PixelModule {
  if (!dataset['7FE00010']) throw new ImportFileError('BAD_DICOM', 'The DICOM file has no pixel data.');
  const rows = numberOf(dataset, '00280010');
  const columns = numberOf(dataset, '00280011');
  if (rows === 0 || columns === 0) {
    throw new ImportFileError('ZERO_SIZE', `The DICOM image is ${columns} × ${rows} pixels.`);
  }
  if (rows > maxDimension || columns > maxDimension) {
    throw new ImportFileError(
      'TOO_LARGE',
      `The DICOM image is ${columns} × ${rows} pixels; the largest side allowed is ${maxDimension}.`,
    );
  }
  const bitsAllocated = numberOf(dataset, '00280100');
  const bitsStored = numberOf(dataset, '00280101', bitsAllocated);
  return {
    rows,
    columns,
    samplesPerPixel: numberOf(dataset, '00280002', 1),
    bitsAllocated,
    bitsStored,
    highBit: numberOf(dataset, '00280102', bitsStored - 1),
    isSigned: numberOf(dataset, '00280103', 0) === 1,
    photometric: textOf(dataset, '00280004') ?? 'MONOCHROME2',
    isPlanar: numberOf(dataset, '00280006', 0) === 1,
    numberOfFrames: Math.max(1, numberOf(dataset, '00280008', 1)),
  };
}

/** The pixel data element's values: one buffer for native pixels, one per frame or fragment when encapsulated. */
export function pixelDataOf(dataset: DicomDataset): Uint8Array[] {
  const values = dataset['7FE00010']?.Value ?? [];
  return values.flat().map((value) => {
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    throw new ImportFileError('BAD_DICOM', 'The DICOM pixel data is not binary.');
  });
}
