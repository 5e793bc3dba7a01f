/** The part of dcmjs that the DICOM test fixtures use (the package ships no types). */
declare module 'dcmjs' {
  export type DicomElement = { vr: string; Value?: unknown[] };
  export type DicomDataset = Record<string, DicomElement>;
  export type DictionaryEntry = { tag: string; vr: string; vm: string; name: string };

  export class DicomDict {
    constructor(meta: DicomDataset);
    meta: DicomDataset;
    dict: DicomDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMetaDictionary: {
        /** entries by `(gggg,eeee)` tag */
        dictionary: Record<string, DictionaryEntry | undefined>;
        denaturalizeDataset(dataset: Record<string, unknown>): DicomDataset;
      };
    };
  };
  export default dcmjs;
}
