import type { DataSet } from 'dicom-parser';
import { ImportFileError } from './errors';

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

function required(value: number | undefined, name: string): number {
  if (value === undefined || !Number.isFinite(value)) {
    throw new ImportFileError('BAD_DICOM', `The DICOM file has no ${name}.`);
  }
  return value;
}

function checkSize(rows: number, columns: number, maxDimension: number) {
  if (rows === 0 || columns === 0) {
    throw new ImportFileError('ZERO_SIZE', `The DICOM image is ${columns} × ${rows} pixels.`);
  }
  if (rows > maxDimension || columns > maxDimension) {
    throw new ImportFileError(
      'TOO_LARGE',
      `The DICOM image is ${columns} × ${rows} pixels; the largest side allowed is ${maxDimension}.`,
    );
  }
}

/** Reads the pixel module and checks the image size before any pixel is touched. */
export function readPixelModule(dataSet: DataSet, maxDimension: number): PixelModule {
  if (!dataSet.elements.x7fe00010)
    throw new ImportFileError('BAD_DICOM', 'The DICOM file has no pixel data.');
  const rows = required(dataSet.uint16('x00280010'), 'Rows (0028,0010)');
  const columns = required(dataSet.uint16('x00280011'), 'Columns (0028,0011)');
  checkSize(rows, columns, maxDimension);
  const bitsAllocated = required(dataSet.uint16('x00280100'), 'Bits Allocated (0028,0100)');
  const bitsStored = dataSet.uint16('x00280101') ?? bitsAllocated;
  return {
    rows,
    columns,
    samplesPerPixel: dataSet.uint16('x00280002') ?? 1,
    bitsAllocated,
    bitsStored,
    highBit: dataSet.uint16('x00280102') ?? bitsStored - 1,
    isSigned: dataSet.uint16('x00280103') === 1,
    photometric: dataSet.string('x00280004')?.trim() || 'MONOCHROME2',
    isPlanar: dataSet.uint16('x00280006') === 1,
    numberOfFrames: Math.max(1, dataSet.intString('x00280008') ?? 1),
  };
}
