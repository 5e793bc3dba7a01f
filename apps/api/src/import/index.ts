export { type CropBox, cropKey, parseCrop, validateCrop } from './crop';
export { BASIC_PROFILE_ATTRIBUTES, type ProfileAttribute } from './deidentify';
export {
  type DicomFrame,
  type DicomResult,
  isDicom,
  type ReadDicomOptions,
  readDicom,
  studyKeyOf,
} from './dicom';
export type { FrameSelection } from './dicom-frames';
export { type ImportErrorCode, ImportFileError, isImportFileError } from './errors';
export {
  type Manifest,
  type ManifestColumns,
  type ManifestError,
  type ManifestRow,
  parseManifest,
} from './manifest';
export { type ImageFormat, type ProbeOptions, type ProbeResult, probeImage } from './probe-image';
export { type ScannedFile, type ScanOptions, type SkippedEntry, scanFolder } from './scan-folder';
