import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderFrame } from './render-frame';
import { renderImage } from './render-image';

describe('renderImage', () => {
  it('encodes the frame as the same PNG bytes every time', async () => {
    const options = { category: 'right kidney', seed: 21, studySeed: 4, difficulty: 0.2 } as const;
    const first = await renderImage(options);
    const again = await renderImage(options);
    expect(again.png).toEqual(first.png);
    const other = await renderImage({ ...options, seed: 22 });
    expect(other.png).not.toEqual(first.png);
  });

  it('decodes to the rendered pixels, one grayscale channel', async () => {
    const options = { category: 'bladder', seed: 5, width: 200, height: 160 } as const;
    const image = await renderImage(options);
    const { data, info } = await sharp(image.png)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([200, 160, 1]);
    expect(new Uint8Array(data)).toEqual(renderFrame(options).pixels);
    expect(image.sector).toEqual(renderFrame(options).sector);
  });
});
