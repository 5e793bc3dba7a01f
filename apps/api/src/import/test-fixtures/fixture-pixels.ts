import type { DicomElement } from 'dcmjs';
import sharp from 'sharp';

/** The image a DICOM fixture holds. `pixel` gives the stored sample value (two's complement when signed). */
export type FixturePixels = {
  width: number;
  height: number;
  frames: number;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  isSigned: boolean;
  photometric: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'YBR_FULL' | 'YBR_FULL_422';
  samplesPerPixel: 1 | 3;
  isPlanar: boolean;
  pixel: (frame: number, x: number, y: number, channel: number) => number;
};

const JPEG_SYNTAXES = ['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51'];
const NATIVE_SYNTAXES = [
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
];

/** One frame as interleaved (or planar) samples, masked to the stored bits. */
function frameSamples(pixels: FixturePixels, frame: number, isPlanar: boolean): number[] {
  const { width, height, samplesPerPixel: channels } = pixels;
  const mask = 2 ** pixels.bitsStored - 1;
  const samples = new Array<number>(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < channels; channel++) {
        const pixel = y * width + x;
        const index = isPlanar ? channel * width * height + pixel : pixel * channels + channel;
        samples[index] = pixels.pixel(frame, x, y, channel) & mask;
      }
    }
  }
  return samples;
}

function nativePixelData(pixels: FixturePixels, isBigEndian: boolean): DicomElement {
  const bytesPerSample = pixels.bitsAllocated / 8;
  const frameLength = pixels.width * pixels.height * pixels.samplesPerPixel * bytesPerSample;
  const data = new Uint8Array(frameLength * pixels.frames + ((frameLength * pixels.frames) % 2));
  const view = new DataView(data.buffer);
  for (let frame = 0; frame < pixels.frames; frame++) {
    frameSamples(pixels, frame, pixels.isPlanar).forEach((sample, index) => {
      const offset = frame * frameLength + index * bytesPerSample;
      if (bytesPerSample === 1) view.setUint8(offset, sample);
      else view.setUint16(offset, sample, !isBigEndian);
    });
  }
  return { vr: pixels.bitsAllocated === 16 ? 'OW' : 'OB', Value: [data.buffer] };
}

/** Each frame as a baseline JPEG made by sharp (gray frames as single-component JPEG). */
async function jpegPixelData(pixels: FixturePixels): Promise<DicomElement> {
  const { width, height, samplesPerPixel: channels } = pixels;
  const frames: ArrayBuffer[] = [];
  for (let frame = 0; frame < pixels.frames; frame++) {
    const raw = Uint8Array.from(frameSamples(pixels, frame, false));
    const image = sharp(raw, { raw: { width, height, channels } });
    const jpeg = await (channels === 1 ? image.toColourspace('b-w') : image).jpeg({ quality: 95 }).toBuffer();
    frames.push(new Uint8Array(jpeg).buffer);
  }
  return { vr: 'OB', Value: frames };
}

/** The pixel data element for `pixels` in `transferSyntax`; unknown syntaxes get a placeholder fragment. */
export async function fixturePixelData(pixels: FixturePixels, transferSyntax: string): Promise<DicomElement> {
  if (JPEG_SYNTAXES.includes(transferSyntax)) return jpegPixelData(pixels);
  if (NATIVE_SYNTAXES.includes(transferSyntax))
    return nativePixelData(pixels, transferSyntax === '1.2.840.10008.1.2.2');
  return { vr: 'OB', Value: [new Uint8Array([0xff, 0x4f, 0xff, 0x51, 0, 0]).buffer] };
}
