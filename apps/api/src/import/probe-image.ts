import sharp from 'sharp';
import { isDicom } from './dicom-magic';
import { causeMessage, ImportFileError } from './errors';

export type ImageFormat = 'PNG' | 'JPEG';

export type ProbeResult = {
  format: ImageFormat;
  width: number;
  height: number;
  bitDepth: 8 | 16;
  channels: number;
};

export type ProbeOptions = { maxDimension: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return 'PNG';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  return null;
}

/** Why bytes that are no PNG or JPEG were refused: another image format, DICOM, or not an image at all. */
async function refuseOtherFormat(bytes: Uint8Array): Promise<never> {
  if (isDicom(bytes)) {
    throw new ImportFileError(
      'UNSUPPORTED_FORMAT',
      'This is a DICOM file; it is read as DICOM, not as an image.',
    );
  }
  const format = await sharp(bytes)
    .metadata()
    .then((metadata) => metadata.format as string)
    .catch(() => null);
  if (format) {
    throw new ImportFileError(
      'UNSUPPORTED_FORMAT',
      `${format.toUpperCase()} images are not supported (PNG, JPEG, DICOM).`,
    );
  }
  throw new ImportFileError('NOT_AN_IMAGE', 'Not a PNG, JPEG or DICOM file.');
}

/** Width and height from the PNG header (IHDR), read directly so that a zero size gets its own code. */
function pngHeaderSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 33) throw new ImportFileError('TRUNCATED', 'The PNG file ends inside its header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(12) !== 0x49484452) {
    throw new ImportFileError('NOT_AN_IMAGE', 'The PNG file does not start with its header (IHDR) chunk.');
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function headerSize(
  bytes: Uint8Array,
  format: ImageFormat,
): Promise<{ width: number; height: number }> {
  if (format === 'PNG') return pngHeaderSize(bytes);
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { width, height };
  } catch (error) {
    throw new ImportFileError('TRUNCATED', `The JPEG header cannot be read (${causeMessage(error)}).`);
  }
}

function checkSize(size: { width: number; height: number }, format: ImageFormat, maxDimension: number) {
  const { width, height } = size;
  if (width === 0 || height === 0) {
    throw new ImportFileError(
      'ZERO_SIZE',
      `The ${format} header gives a size of ${width} × ${height} pixels.`,
    );
  }
  if (width > maxDimension || height > maxDimension) {
    throw new ImportFileError(
      'TOO_LARGE',
      `The ${format} image is ${width} × ${height} pixels; the largest side allowed is ${maxDimension}.`,
    );
  }
}

/**
 * Identifies a PNG or JPEG file and decodes it completely, so that a damaged or truncated file is refused
 * at import rather than at training time. The header size is checked against `maxDimension` before any
 * pixel is decoded, so a small file that claims an enormous size allocates nothing.
 */
export async function probeImage(bytes: Uint8Array, options: ProbeOptions): Promise<ProbeResult> {
  if (bytes.length === 0) throw new ImportFileError('EMPTY_FILE', 'The file is empty.');
  const format = sniffFormat(bytes);
  if (format === null) return refuseOtherFormat(bytes);
  checkSize(await headerSize(bytes, format), format, options.maxDimension);
  const image = sharp(bytes, { failOn: 'error', limitInputPixels: options.maxDimension ** 2 });
  try {
    const metadata = await image.metadata();
    await image.raw().toBuffer();
    const bitDepth = metadata.depth === 'ushort' ? 16 : 8;
    return { format, width: metadata.width, height: metadata.height, bitDepth, channels: metadata.channels };
  } catch (error) {
    throw new ImportFileError(
      'TRUNCATED',
      `The ${format} data is cut short or damaged (${causeMessage(error)}).`,
    );
  }
}
