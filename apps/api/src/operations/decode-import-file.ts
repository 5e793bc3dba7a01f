import { basename } from 'node:path';
import { type CropBox, validateCrop } from '../import/crop';
import { readDicom } from '../import/dicom';
import { isDicom } from '../import/dicom-magic';
import { ImportFileError } from '../import/errors';
import { probeImage } from '../import/probe-image';
import type { DecodedImage } from './import-image';

export type FrameSelection = 'all' | 'first' | 'middle';

export type DecodeOptions = {
  fileName: string;
  /** An explicit study (a manifest column); wins over the DICOM header. */
  studyKey?: string | undefined;
  /** The study used when nothing else names one (the file's folder). */
  fallbackStudyKey: string;
  frames: FrameSelection;
  uidSalt: string;
  maxDimension: number;
  annotation?: string | undefined;
  label?: string | undefined;
  crop?: CropBox | undefined;
};

/** Turns one file's bytes into the images to store: the file itself, or each selected DICOM frame as PNG. */
export async function decodeImportFile(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage[]> {
  if (bytes.byteLength === 0) throw new ImportFileError('EMPTY_FILE', 'The file is empty (0 bytes).');
  const sourceFileName = basename(options.fileName);
  if (isDicom(bytes)) {
    const dicom = await readDicom(bytes, {
      frames: options.frames,
      uidSalt: options.uidSalt,
      maxDimension: options.maxDimension,
    });
    return dicom.frames.map((frame) => ({
      bytes: frame.png,
      format: 'DICOM' as const,
      width: frame.width,
      height: frame.height,
      bitDepth: frame.bitDepth,
      channels: frame.channels,
      frameIndex: frame.frameIndex,
      sourceFileName,
      studyKey: options.studyKey ?? dicom.studyKey ?? options.fallbackStudyKey,
      // Image Comments is removed by the basic de-identification profile: technologist text comes from the manifest.
      annotation: options.annotation,
      label: options.label,
      crop: options.crop ? validateCrop(options.crop, frame.width, frame.height) : undefined,
    }));
  }
  const probe = await probeImage(bytes, { maxDimension: options.maxDimension });
  return [
    {
      bytes,
      format: probe.format,
      width: probe.width,
      height: probe.height,
      bitDepth: probe.bitDepth,
      channels: probe.channels,
      frameIndex: null,
      sourceFileName,
      studyKey: options.studyKey ?? options.fallbackStudyKey,
      annotation: options.annotation,
      label: options.label,
      crop: options.crop ? validateCrop(options.crop, probe.width, probe.height) : undefined,
    },
  ];
}
