/** The part of dcmjs that the import uses (the package ships no types). */
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

  type Logger = { setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void };

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string | null }): DicomDict;
      };
      DicomMetaDictionary: {
        dictionary: Record<string, DictionaryEntry | undefined>;
        denaturalizeDataset(dataset: Record<string, unknown>): DicomDataset;
      };
    };
    log: Logger & { getLogger(name: string): Logger };
  };
  export default dcmjs;
}
