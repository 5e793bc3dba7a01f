import { z } from 'zod';
import { MlError } from './ml-error';
import type { SerializedHead } from './types';

/**
 * Binary head format, version 1 (all numbers little-endian):
 *   bytes 0–3   ASCII "LPHD"
 *   bytes 4–7   uint32: byte length H of the header
 *   bytes 8…    H bytes of UTF-8 JSON: { formatVersion, kind, inputDimension, classCount, categoryIds,
 *               layers: [{ inputSize, outputSize }] }
 *   then        zero padding up to a multiple of 4 bytes
 *   then        float32 values: featureMean, featureScale, and per layer its kernel (out × in) then its bias
 */
const MAGIC = 'LPHD';

const headerSchema = z.object({
  formatVersion: z.number().int(),
  kind: z.enum(['linear', 'mlp']),
  inputDimension: z.number().int().positive(),
  classCount: z.number().int().positive(),
  categoryIds: z.array(z.string()),
  layers: z
    .array(z.object({ inputSize: z.number().int().positive(), outputSize: z.number().int().positive() }))
    .min(1),
});

function arraysOf(head: SerializedHead): Float32Array[] {
  return [head.featureMean, head.featureScale, ...head.layers.flatMap((layer) => [layer.kernel, layer.bias])];
}

export function serializeHead(head: SerializedHead): Uint8Array {
  const { formatVersion, kind, inputDimension, classCount, categoryIds } = head;
  const layers = head.layers.map(({ inputSize, outputSize }) => ({ inputSize, outputSize }));
  const header = new TextEncoder().encode(
    JSON.stringify({ formatVersion, kind, inputDimension, classCount, categoryIds, layers }),
  );
  const dataOffset = Math.ceil((8 + header.length) / 4) * 4;
  const arrays = arraysOf(head);
  const valueCount = arrays.reduce((sum, array) => sum + array.length, 0);
  const bytes = new Uint8Array(dataOffset + valueCount * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  let offset = dataOffset;
  for (const array of arrays) {
    for (const value of array) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  return bytes;
}

function invalid(message: string): MlError {
  return new MlError('INVALID_HEAD_FORMAT', `Not a valid head: ${message}.`);
}

function readHeader(bytes: Uint8Array, view: DataView) {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw invalid('bad magic bytes');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw invalid('truncated header');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw invalid('header is not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  if (parsed.data.formatVersion !== 1) {
    throw new MlError(
      'UNSUPPORTED_HEAD_VERSION',
      `Head format version ${parsed.data.formatVersion} is not supported (1 is).`,
    );
  }
  return { header: parsed.data, dataOffset: Math.ceil((8 + headerLength) / 4) * 4 };
}

export function deserializeHead(bytes: Uint8Array): SerializedHead {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { header, dataOffset } = readHeader(bytes, view);
  const sizes = [header.inputDimension, header.inputDimension];
  for (const layer of header.layers) sizes.push(layer.inputSize * layer.outputSize, layer.outputSize);
  const valueCount = sizes.reduce((sum, size) => sum + size, 0);
  if (bytes.length !== dataOffset + valueCount * 4) throw invalid(`expected ${valueCount} float32 values`);
  if (
    header.categoryIds.length !== header.classCount ||
    header.layers.at(-1)?.outputSize !== header.classCount
  ) {
    throw invalid('class count does not match the output layer');
  }
  let offset = dataOffset;
  const arrays = sizes.map((size) => {
    const array = Float32Array.from({ length: size }, (_, i) => view.getFloat32(offset + i * 4, true));
    offset += size * 4;
    return array;
  });
  const layers = header.layers.map(({ inputSize, outputSize }, index) => ({
    inputSize,
    outputSize,
    kernel: arrays[2 + 2 * index] as Float32Array,
    bias: arrays[3 + 2 * index] as Float32Array,
  }));
  const [featureMean, featureScale] = arrays as [Float32Array, Float32Array];
  return { ...header, formatVersion: 1, featureMean, featureScale, layers };
}
