import { ImportFileError } from './errors';

/** How the pixels of a transfer syntax are stored, for the ones the import can read. */
export type PixelEncoding = 'native-little-endian' | 'native-big-endian' | 'jpeg';

const SUPPORTED: Record<string, { name: string; encoding: PixelEncoding }> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', encoding: 'native-little-endian' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', encoding: 'native-little-endian' },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian', encoding: 'native-little-endian' },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', encoding: 'native-big-endian' },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', encoding: 'jpeg' },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended (Process 2 & 4)', encoding: 'jpeg' },
};

/** Names of transfer syntaxes the import refuses, so that the refusal can say what the file is. */
const UNSUPPORTED_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.1.98': 'Encapsulated Uncompressed Explicit VR Little Endian',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70':
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Lossy (Near-Lossless)',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 Part 2 Multi-component (Lossless Only)',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2 Multi-component',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile / Main Level',
  '1.2.840.10008.1.2.4.101': 'MPEG2 Main Profile / High Level',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 High Profile / Level 4.1',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1',
  '1.2.840.10008.1.2.4.104': 'MPEG-4 AVC/H.264 High Profile / Level 4.2 for 2D Video',
  '1.2.840.10008.1.2.4.105': 'MPEG-4 AVC/H.264 High Profile / Level 4.2 for 3D Video',
  '1.2.840.10008.1.2.4.106': 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2',
  '1.2.840.10008.1.2.4.107': 'HEVC/H.265 Main Profile / Level 5.1',
  '1.2.840.10008.1.2.4.108': 'HEVC/H.265 Main 10 Profile / Level 5.1',
  '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  '1.2.840.10008.1.2.4.111': 'JPEG XL JPEG Recompression',
  '1.2.840.10008.1.2.4.112': 'JPEG XL',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

/** The registered name of a transfer syntax UID, or a note that it is unknown. */
export function transferSyntaxName(uid: string): string {
  return SUPPORTED[uid]?.name ?? UNSUPPORTED_NAMES[uid] ?? 'an unknown transfer syntax';
}

/** How to read the pixels of `uid`, or `UNSUPPORTED_TRANSFER_SYNTAX` naming the UID and its name. */
export function pixelEncodingOf(uid: string): PixelEncoding {
  const supported = SUPPORTED[uid];
  if (supported) return supported.encoding;
  const readable = Object.entries(SUPPORTED)
    .map(([, entry]) => entry.name)
    .join(', ');
  throw new ImportFileError(
    'UNSUPPORTED_TRANSFER_SYNTAX',
    `Transfer syntax ${uid} (${transferSyntaxName(uid)}) is not supported; readable: ${readable}.`,
  );
}
