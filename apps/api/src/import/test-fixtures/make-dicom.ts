import { deflateRawSync } from 'node:zlib';
import dcmjs, { type DicomDataset } from 'dcmjs';
import { BASIC_PROFILE_ATTRIBUTES } from '../deidentify';
import { type FixturePixels, fixturePixelData } from './fixture-pixels';
import { identifierElements } from './identifier-values';

export const TRANSFER_SYNTAX = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpeg2000: '1.2.840.10008.1.2.4.90',
} as const;

export type MakeDicomOptions = Partial<FixturePixels> & {
  transferSyntax?: string;
  /** makes every identifier value unique to this file */
  seed?: number;
  /** identifier values by keyword, e.g. `{ StudyInstanceUID: '1.2.3' }` */
  identifiers?: Record<string, string>;
  /** keywords left out of the file, e.g. `['StudyInstanceUID']` */
  omit?: string[];
  imageComments?: string;
  /** replaces the generated pixel data (to make truncated or empty files) */
  pixelData?: Uint8Array;
  /** false: encapsulated pixel data without a basic offset table, as many devices write it */
  hasOffsetTable?: boolean;
};

export type DicomFixture = {
  bytes: Uint8Array;
  /** every identifying text value written into the file, private tag included */
  identifierValues: string[];
  studyInstanceUid: string | undefined;
};

const gradient = (frame: number, x: number, y: number, channel: number) =>
  x * 3 + y * 5 + frame * 40 + channel * 60;

function withDefaults(options: MakeDicomOptions): FixturePixels {
  const isColour = options.photometric !== undefined && !options.photometric.startsWith('MONOCHROME');
  const samplesPerPixel = isColour ? 3 : 1;
  const bitsAllocated = options.bitsAllocated ?? 8;
  return {
    width: options.width ?? 16,
    height: options.height ?? 12,
    frames: options.frames ?? 1,
    bitsAllocated,
    bitsStored: options.bitsStored ?? bitsAllocated,
    isSigned: options.isSigned ?? false,
    photometric: options.photometric ?? 'MONOCHROME2',
    samplesPerPixel,
    isPlanar: options.isPlanar ?? false,
    pixel: options.pixel ?? gradient,
  };
}

function imageAttributes(pixels: FixturePixels, imageComments: string | undefined): DicomDataset {
  const isColour = pixels.samplesPerPixel === 3;
  return dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    SOPClassUID: pixels.frames > 1 ? '1.2.840.10008.5.1.4.1.1.3.1' : '1.2.840.10008.5.1.4.1.1.6.1',
    Modality: 'US',
    Rows: pixels.height,
    Columns: pixels.width,
    SamplesPerPixel: pixels.samplesPerPixel,
    PhotometricInterpretation: pixels.photometric,
    BitsAllocated: pixels.bitsAllocated,
    BitsStored: pixels.bitsStored,
    HighBit: pixels.bitsStored - 1,
    PixelRepresentation: pixels.isSigned ? 1 : 0,
    ...(isColour ? { PlanarConfiguration: pixels.isPlanar ? 1 : 0 } : {}),
    ...(pixels.frames > 1 ? { NumberOfFrames: pixels.frames } : {}),
    ...(imageComments === undefined ? {} : { ImageComments: imageComments }),
  });
}

/** Compresses everything after the file meta information, as the deflated transfer syntax requires. */
function deflateDataset(file: Uint8Array): Uint8Array {
  const metaLength = new DataView(file.buffer, file.byteOffset).getUint32(140, true);
  const start = 144 + metaLength;
  return new Uint8Array(Buffer.concat([file.subarray(0, start), deflateRawSync(file.subarray(start))]));
}

/** Empties the basic offset table of explicit little-endian encapsulated pixel data. */
function dropOffsetTable(file: Uint8Array): Uint8Array {
  const header = Buffer.from([
    0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0,
  ]);
  const itemLengthAt = Buffer.from(file).indexOf(header) + header.length;
  const tableLength = new DataView(file.buffer, file.byteOffset).getUint32(itemLengthAt, true);
  const emptied = Buffer.concat([
    file.subarray(0, itemLengthAt + 4),
    file.subarray(itemLengthAt + 4 + tableLength),
  ]);
  emptied.writeUInt32LE(0, itemLengthAt);
  return new Uint8Array(emptied);
}

/**
 * Writes a valid DICOM Part-10 file with dcmjs: the image described by `options`, and every attribute of the
 * basic confidentiality profile (plus a private tag) filled with a recognisable value, so that a test can
 * scan anything derived from the file for leaks.
 */
export async function makeDicom(options: MakeDicomOptions = {}): Promise<DicomFixture> {
  const transferSyntax = options.transferSyntax ?? TRANSFER_SYNTAX.explicitLittle;
  const pixels = withDefaults(options);
  const identifiers = identifierElements(options.seed ?? 1, options.identifiers);
  for (const keyword of options.omit ?? []) {
    const tag = BASIC_PROFILE_ATTRIBUTES.find((attribute) => attribute.keyword === keyword)?.tag.replace(
      /[(),]/g,
      '',
    );
    if (tag === undefined) throw new Error(`${keyword} is not a basic-profile attribute`);
    delete identifiers.dataset[tag];
    delete identifiers.valuesByTag[tag];
  }
  const pixelData = options.pixelData
    ? { vr: 'OB', Value: [options.pixelData.slice().buffer] }
    : await fixturePixelData(pixels, transferSyntax);
  const sopInstanceUid = identifiers.dataset['00080018']?.Value?.[0] ?? '1.2.826.0.1.3680043.10.1337.0';
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.6.1',
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: transferSyntax,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.1337.99',
  });
  const file = new dcmjs.data.DicomDict(meta);
  file.dict = {
    ...imageAttributes(pixels, options.imageComments),
    ...identifiers.dataset,
    '7FE00010': pixelData,
  };
  const written = new Uint8Array(file.write());
  const bytes = options.hasOffsetTable === false ? dropOffsetTable(written) : written;
  const studyInstanceUid = identifiers.dataset['0020000D']?.Value?.[0] as string | undefined;
  return {
    bytes: transferSyntax === TRANSFER_SYNTAX.deflated ? deflateDataset(bytes) : bytes,
    identifierValues: Object.values(identifiers.valuesByTag),
    studyInstanceUid,
  };
}
