import { createHash } from 'node:crypto';
import { type PixelModule, parseDicom, pixelDataOf, readPixelModule, textOf } from './dicom-dataset';
import {
  type EncodedFrame,
  encodeJpegFrame,
  encodeRawFrame,
  type FrameSelection,
  groupJpegFragments,
  selectFrames,
} from './dicom-frames';
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

async function nativeFrames(pixelData: Uint8Array[], module: PixelModule, indexes: number[], encoding: PixelEncoding) {
  checkNativeLayout(module);
  const bytes = pixelData[0] ?? new Uint8Array();
  const frames: DicomFrame[] = [];
  for (const frameIndex of indexes) {
    const raw = nativeFrame(bytes, module, frameIndex, encoding === 'native-big-endian');
    frames.push({ frameIndex, ...(await encodeRawFrame(raw)) });
  }
  return frames;
}

async function jpegFrames(pixelData: Uint8Array[], module: PixelModule, indexes: number[], maxDimension: number) {
  const jpegs = groupJpegFragments(pixelData, module.numberOfFrames);
  const frames: DicomFrame[] = [];
  for (const frameIndex of indexes) {
    const jpeg = jpegs[frameIndex];
    if (!jpeg) throw new ImportFileError('BAD_DICOM', `The DICOM pixel data has no frame ${frameIndex + 1}.`);
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
  const { transferSyntaxUid, dataset } = parseDicom(bytes);
  const encoding = pixelEncodingOf(transferSyntaxUid);
  const module = readPixelModule(dataset, options.maxDimension);
  const indexes = selectFrames(module.numberOfFrames, options.frames);
  const pixelData = pixelDataOf(dataset);
  if (encoding === 'jpeg') checkJpegPrecision(module, transferSyntaxUid);
  const frames =
    encoding === 'jpeg'
      ? await jpegFrames(pixelData, module, indexes, options.maxDimension)
      : await nativeFrames(pixelData, module, indexes, encoding);
  const studyUid = textOf(dataset, '0020000D');
  const annotation = textOf(dataset, '00204000');
  return {
    studyKey: studyUid === undefined ? null : studyKeyOf(studyUid, options.uidSalt),
    frames,
    ...(annotation === undefined ? {} : { annotation }),
  };
}
