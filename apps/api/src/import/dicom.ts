import { createHash } from 'node:crypto';
import type { DataSet } from 'dicom-parser';
import { nativePixelData, parseDicom, textOf } from './dicom-dataset';
import { encapsulatedFrames } from './dicom-encapsulated';
import {
  type EncodedFrame,
  encodeJpegFrame,
  encodeRawFrame,
  type FrameSelection,
  selectFrames,
} from './dicom-frames';
import { type PixelModule, readPixelModule } from './dicom-pixel-module';
import { checkNativeLayout, nativeFrame } from './dicom-pixels';
import { ImportFileError } from './errors';
import { type PixelEncoding, pixelEncodingOf, transferSyntaxName } from './transfer-syntaxes';

export { isDicom } from './dicom-magic';

export type DicomFrame = EncodedFrame & { frameIndex: number };

/**
 * What the import keeps of a DICOM file: pixels re-encoded as PNG, their sizes, a salted key of the study
 * and the Image Comments as technologist text. No other attribute of the file leaves this module.
 */
export type DicomResult = {
  /** salted SHA-256 (hex) of the Study Instance UID; null when the file has none */
  studyKey: string | null;
  frames: DicomFrame[];
  /** Image Comments (0020,4000), the text the technologist typed */
  annotation?: string;
};

export type ReadDicomOptions = { frames: FrameSelection; uidSalt: string; maxDimension: number };

/** A study key that groups images of one study without revealing its UID. */
export function studyKeyOf(studyInstanceUid: string, uidSalt: string): string {
  return createHash('sha256').update(`${uidSalt}\n${studyInstanceUid}`).digest('hex');
}

async function nativeFrames(
  dataSet: DataSet,
  module: PixelModule,
  indexes: number[],
  encoding: PixelEncoding,
) {
  checkNativeLayout(module);
  const bytes = nativePixelData(dataSet);
  const frames: DicomFrame[] = [];
  for (const frameIndex of indexes) {
    const raw = nativeFrame(bytes, module, frameIndex, encoding === 'native-big-endian');
    frames.push({ frameIndex, ...(await encodeRawFrame(raw)) });
  }
  return frames;
}

async function jpegFrames(dataSet: DataSet, module: PixelModule, indexes: number[], maxDimension: number) {
  const readFrame = encapsulatedFrames(dataSet, module.numberOfFrames);
  const frames: DicomFrame[] = [];
  for (const frameIndex of indexes) {
    const jpeg = readFrame(frameIndex);
    frames.push({ frameIndex, ...(await encodeJpegFrame(jpeg, module, frameIndex, maxDimension)) });
  }
  return frames;
}

function checkJpegPrecision(module: PixelModule, uid: string) {
  if (module.bitsStored > 8) {
    throw new ImportFileError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `Transfer syntax ${uid} (${transferSyntaxName(uid)}) with ${module.bitsStored}-bit samples is not supported.`,
    );
  }
}

/** Reads a DICOM file into PNG frames (uncompressed or JPEG-encoded pixels), keeping nothing identifying. */
export async function readDicom(bytes: Uint8Array, options: ReadDicomOptions): Promise<DicomResult> {
  if (options.uidSalt === '') throw new Error('readDicom needs a non-empty uidSalt to key studies');
  const dataSet = parseDicom(bytes);
  const transferSyntaxUid = dataSet.string('x00020010')?.trim();
  if (!transferSyntaxUid) throw new ImportFileError('BAD_DICOM', 'The DICOM file names no transfer syntax.');
  const encoding = pixelEncodingOf(transferSyntaxUid);
  const module = readPixelModule(dataSet, options.maxDimension);
  const indexes = selectFrames(module.numberOfFrames, options.frames);
  if (encoding === 'jpeg') checkJpegPrecision(module, transferSyntaxUid);
  const frames =
    encoding === 'jpeg'
      ? await jpegFrames(dataSet, module, indexes, options.maxDimension)
      : await nativeFrames(dataSet, module, indexes, encoding);
  const studyUid = textOf(dataSet, 'x0020000d');
  const annotation = textOf(dataSet, 'x00204000');
  return {
    studyKey: studyUid === undefined ? null : studyKeyOf(studyUid, options.uidSalt),
    frames,
    ...(annotation === undefined ? {} : { annotation }),
  };
}
