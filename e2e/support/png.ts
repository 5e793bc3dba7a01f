import sharp from 'sharp';

/**
 * A grey PNG whose pixels follow `seed`: each seed gives other bytes, so each is a new image to the API
 * (which knows images by their bytes). Made at test time; no binary fixtures in the repository.
 */
export function makePng(seed: number, size = 32): Promise<Buffer> {
  const pixels = Uint8Array.from({ length: size * size }, (_, index) => {
    const x = index % size;
    const y = Math.floor(index / size);
    return (x * 7 + y * 13 + seed * 31) % 256;
  });
  return sharp(pixels, { raw: { width: size, height: size, channels: 1 } })
    .png()
    .toBuffer();
}

/** A colour PNG of random pixels (which do not compress): about 3 × width × height bytes. */
export function makeNoisePng(width: number, height: number): Promise<Buffer> {
  const pixels = new Uint8Array(width * height * 3);
  for (let offset = 0; offset < pixels.length; offset += 65_536)
    crypto.getRandomValues(pixels.subarray(offset, offset + 65_536));
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
