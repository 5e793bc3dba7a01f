import dicomParser, { type DataSet } from 'dicom-parser';
import { pixelDataElement } from './dicom-dataset';
import { ImportFileError } from './errors';

const badFrames = (message: string) => new ImportFileError('BAD_DICOM', message);

/**
 * A reader of the encoded bytes of each frame of encapsulated pixel data. Uses the basic offset table when
 * the file has one; otherwise one fragment per frame, every fragment for a single frame, or else the JPEG
 * start markers (dicom-parser's `createJPEGBasicOffsetTable`).
 */
export function encapsulatedFrames(
  dataSet: DataSet,
  numberOfFrames: number,
): (frameIndex: number) => Uint8Array {
  const element = pixelDataElement(dataSet);
  if (!element.encapsulatedPixelData)
    throw badFrames('The pixel data of a compressed transfer syntax is not encapsulated.');
  const fragments = element.fragments ?? [];
  if (fragments.length === 0) throw badFrames('The encapsulated pixel data has no fragments.');
  let read: (frameIndex: number) => Uint8Array;
  if (element.basicOffsetTable?.length) {
    if (element.basicOffsetTable.length !== numberOfFrames) {
      throw badFrames(
        `The DICOM file declares ${numberOfFrames} frames but its offset table lists ${element.basicOffsetTable.length}.`,
      );
    }
    read = (frameIndex) => dicomParser.readEncapsulatedImageFrame(dataSet, element, frameIndex);
  } else if (fragments.length === numberOfFrames) {
    read = (frameIndex) =>
      dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, frameIndex, 1);
  } else if (numberOfFrames === 1) {
    read = () => dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, fragments.length);
  } else {
    const table = dicomParser.createJPEGBasicOffsetTable(dataSet, element);
    if (table.length !== numberOfFrames) {
      throw badFrames(
        `The DICOM file declares ${numberOfFrames} frames but its pixel data holds ${table.length}.`,
      );
    }
    read = (frameIndex) => dicomParser.readEncapsulatedImageFrame(dataSet, element, frameIndex, table);
  }
  return (frameIndex) => {
    try {
      return read(frameIndex);
    } catch (error) {
      throw badFrames(`Frame ${frameIndex + 1} cannot be read from the pixel data (${String(error)}).`);
    }
  };
}
