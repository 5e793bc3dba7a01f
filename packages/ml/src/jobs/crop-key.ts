import type { Crop } from '../preprocess/crop';

/** How an embedding records the crop it was computed under: `x,y,w,h`, or `full` for the whole image. */
export function cropKeyOf(crop: Crop | null | undefined): string {
  return crop ? `${crop.x},${crop.y},${crop.width},${crop.height}` : 'full';
}
