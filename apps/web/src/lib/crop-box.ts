/** A crop box in image pixels (whole numbers, inside the image). */
export type Box = { x: number; y: number; width: number; height: number };
export type Point = { x: number; y: number };
export type Size = { width: number; height: number };

/** The corners and edges a box is resized by. */
export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const handles: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** A drag shorter than this (in image pixels) on either side draws no box. */
export const MIN_BOX_SIZE = 4;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Rounds a box to whole pixels and keeps it inside the image, at least 1 × 1. */
export function fitBox(box: Box, image: Size): Box {
  const width = clamp(Math.round(box.width), 1, image.width);
  const height = clamp(Math.round(box.height), 1, image.height);
  return {
    x: clamp(Math.round(box.x), 0, image.width - width),
    y: clamp(Math.round(box.y), 0, image.height - height),
    width,
    height,
  };
}

/** The box a drag from `start` to `end` draws, or null when it is too small to mean one. */
export function boxFromDrag(start: Point, end: Point, image: Size): Box | null {
  const x1 = clamp(Math.min(start.x, end.x), 0, image.width);
  const y1 = clamp(Math.min(start.y, end.y), 0, image.height);
  const x2 = clamp(Math.max(start.x, end.x), 0, image.width);
  const y2 = clamp(Math.max(start.y, end.y), 0, image.height);
  if (x2 - x1 < MIN_BOX_SIZE || y2 - y1 < MIN_BOX_SIZE) return null;
  return fitBox({ x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, image);
}

/** The box moved by (dx, dy), stopping at the image's edges without changing size. */
export function moveBox(box: Box, dx: number, dy: number, image: Size): Box {
  return fitBox({ ...box, x: box.x + dx, y: box.y + dy }, image);
}

/** The box with one handle dragged by (dx, dy); the opposite edges stay put, and it never turns inside out. */
export function resizeBox(box: Box, handle: Handle, dx: number, dy: number, image: Size): Box {
  let left = box.x;
  let top = box.y;
  let right = box.x + box.width;
  let bottom = box.y + box.height;
  if (handle.includes('w')) left = clamp(left + dx, 0, right - MIN_BOX_SIZE);
  if (handle.includes('e')) right = clamp(right + dx, left + MIN_BOX_SIZE, image.width);
  if (handle.includes('n')) top = clamp(top + dy, 0, bottom - MIN_BOX_SIZE);
  if (handle.includes('s')) bottom = clamp(bottom + dy, top + MIN_BOX_SIZE, image.height);
  return fitBox({ x: left, y: top, width: right - left, height: bottom - top }, image);
}

/** Pixels an arrow key moves the box by: 1, or 10 with Shift. */
export function nudgeStep(shift: boolean): number {
  return shift ? 10 : 1;
}

const ARROWS: Record<string, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/**
 * The box after an arrow key: moved by one step (Shift: ten), or with Alt resized from its bottom-right
 * corner. Null for any other key.
 */
export function nudgeBox(
  box: Box,
  key: string,
  options: { shift: boolean; alt: boolean },
  image: Size,
): Box | null {
  const direction = ARROWS[key];
  if (!direction) return null;
  const step = nudgeStep(options.shift);
  if (options.alt) return resizeBox(box, 'se', direction.x * step, direction.y * step, image);
  return moveBox(box, direction.x * step, direction.y * step, image);
}

/** Whether a box lies inside the image in whole pixels: what the API accepts. */
export function isBoxInside(box: Box, image: Size): boolean {
  const values = [box.x, box.y, box.width, box.height];
  return (
    values.every(Number.isInteger) &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.width >= 1 &&
    box.height >= 1 &&
    box.x + box.width <= image.width &&
    box.y + box.height <= image.height
  );
}

export function sameBox(a: Box | null, b: Box | null): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
