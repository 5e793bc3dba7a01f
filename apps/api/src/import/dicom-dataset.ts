import { inflateRawSync } from 'node:zlib';
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { isDicom } from './dicom-magic';
import { ImportFileError } from './errors';

/** The largest dataset a deflated file may inflate to, so that a small file cannot exhaust memory. */
const MAX_INFLATED_BYTES = 1024 ** 3;

function inflate(bytes: Uint8Array, position: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(position), { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImportFileError('TOO_LARGE', 'The deflated DICOM dataset inflates to more than 1 GiB.');
    }
    throw error;
  }
  return Buffer.concat([bytes.subarray(0, position), inflated]);
}

/** dicom-parser throws strings, or objects carrying an `exception` string. */
function parserMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  const exception = (error as { exception?: unknown } | null)?.exception;
  return exception === undefined ? String(error) : String(exception);
}

const TRUNCATION = /buffer overrun|past end of buffer|unexpected end of file/i;

/** Parses a DICOM Part-10 file with dicom-parser; a file that ends early is `TRUNCATED`. */
export function parseDicom(bytes: Uint8Array): DataSet {
  if (!isDicom(bytes))
    throw new ImportFileError('BAD_DICOM', 'No DICOM Part-10 header (DICM after 128 bytes).');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return dicomParser.parseDicom(buffer, { inflater: inflate });
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const message = parserMessage(error);
    if (TRUNCATION.test(message))
      throw new ImportFileError('TRUNCATED', `The DICOM file ends early (${message}).`);
    throw new ImportFileError('BAD_DICOM', `The DICOM file cannot be parsed (${message}).`);
  }
}

/** A text element decoded with the file's character set (UTF-8 or Latin-1), trimmed; undefined when empty. */
export function textOf(dataSet: DataSet, tag: string): string | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.length <= 0) return undefined;
  const isUtf8 = (dataSet.string('x00080005') ?? '').includes('ISO_IR 192');
  const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  const text = new TextDecoder(isUtf8 ? 'utf-8' : 'latin1').decode(bytes).replace(/\0/g, '').trim();
  return text === '' ? undefined : text;
}

/** The bytes of native (uncompressed) pixel data; `TRUNCATED` when the file ends inside them. */
export function nativePixelData(dataSet: DataSet): Uint8Array {
  const element = pixelDataElement(dataSet);
  if (element.encapsulatedPixelData)
    throw new ImportFileError('BAD_DICOM', 'The pixel data is encapsulated.');
  if (element.dataOffset + element.length > dataSet.byteArray.length) {
    throw new ImportFileError('TRUNCATED', 'The DICOM file ends inside its pixel data.');
  }
  return dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
}

export function pixelDataElement(dataSet: DataSet): Element {
  const element = dataSet.elements.x7fe00010;
  if (!element) throw new ImportFileError('BAD_DICOM', 'The DICOM file has no pixel data.');
  return element;
}
