import sharp from 'sharp';

/** A grey PNG whose pixel (x, y) is `shade(x, y)` (0–255); `bits` 16 stores the same picture in 16 bits. */
export async function greyPng(
  width: number,
  height: number,
  shade: (x: number, y: number) => number,
  bits: 8 | 16 = 8,
): Promise<Uint8Array> {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = shade(x, y);
  let image = sharp(pixels, { raw: { width, height, channels: 1 } });
  if (bits === 16) image = image.toColourspace('grey16');
  return new Uint8Array(await image.png().toBuffer());
}

/** The same kind of picture as a colour JPEG. */
export async function colourJpeg(
  width: number,
  height: number,
  shade: (x: number, y: number) => number,
): Promise<Uint8Array> {
  const pixels = new Uint8Array(width * height * 3);
  for (let index = 0; index < width * height; index++) {
    const value = shade(index % width, Math.floor(index / width));
    pixels.set([value, value, value], index * 3);
  }
  return new Uint8Array(
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer(),
  );
}
