import sharp from 'sharp';
import type { Scaling } from '../backbone/types';
import { type Crop, clipCrop, geometryFor } from './crop';
import { PreprocessError } from './preprocess-error';
import { greyToScaledRgb } from './scale-pixels';

export type GreyOptions = { inputSize: number; crop?: Crop };

export type PreprocessOptions = GreyOptions & { scaling: Scaling };

/** Width and height as displayed (EXIF orientation applied), read from the header only. */
async function orientedSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const metadata = await sharp(bytes).metadata();
  const { width, height } = metadata.autoOrient ?? metadata;
  if (!width || !height) throw new Error('the image has no size');
  return { width, height };
}

async function decodeGrey(bytes: Uint8Array, options: GreyOptions): Promise<Uint8Array> {
  const { resizeTo, offset, inputSize } = geometryFor(options.inputSize);
  let image = sharp(bytes, { failOn: 'error' }).autoOrient();
  if (options.crop) {
    const { width, height } = await orientedSize(bytes);
    const box = clipCrop(options.crop, width, height);
    if (!box) {
      throw new PreprocessError(
        'CROP_OUT_OF_BOUNDS',
        `crop ${JSON.stringify(options.crop)} is outside ${width}×${height}`,
      );
    }
    image = image.extract({ left: box.x, top: box.y, width: box.width, height: box.height });
  }
  const { data, info } = await image
    .resize(resizeTo, resizeTo, { fit: 'fill' })
    .extract({ left: offset, top: offset, width: inputSize, height: inputSize })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 || data.length !== inputSize * inputSize) {
    throw new Error(`unexpected decoded layout ${info.width}×${info.height}×${info.channels}`);
  }
  return data;
}

/**
 * Image bytes (PNG 8/16-bit, JPEG, or anything sharp reads) → the backbone's input geometry, following the
 * paper: crop box → grayscale → 256 × 256 → centre crop to the input size. Returns `inputSize²` grey bytes.
 * Unreadable bytes throw DECODE_FAILED; a crop box outside the image throws CROP_OUT_OF_BOUNDS.
 */
export async function preprocessToGrey(bytes: Uint8Array, options: GreyOptions): Promise<Uint8Array> {
  try {
    return await decodeGrey(bytes, options);
  } catch (error) {
    if (error instanceof PreprocessError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PreprocessError('DECODE_FAILED', `cannot decode the image: ${reason}`, { cause: error });
  }
}

/**
 * The full preprocessing: `preprocessToGrey`, then three channels in the backbone's scaling.
 * Returns `inputSize × inputSize × 3` floats in NHWC order.
 */
export async function preprocessImage(bytes: Uint8Array, options: PreprocessOptions): Promise<Float32Array> {
  return greyToScaledRgb(await preprocessToGrey(bytes, options), options.scaling);
}
