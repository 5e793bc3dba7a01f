import dcmjs, { type DicomDataset, type DicomElement } from 'dcmjs';
import { BASIC_PROFILE_ATTRIBUTES } from '../deidentify';

/** Raw dcmjs elements for every basic-profile attribute, and the text values a leak scan looks for. */
export type IdentifierElements = { dataset: DicomDataset; valuesByTag: Record<string, string> };

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A date unique to attribute `index` and `seed`, from 1931 on so that it stands out. */
const dateFor = (index: number, seed: number) => {
  const date = new Date(Date.UTC(1931, 0, 1 + index + 1_000 * seed));
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
};
const timeFor = (index: number, seed: number) =>
  `10${pad(Math.floor(index / 60), 2)}${pad(index % 60, 2)}.7${pad(seed % 100, 2)}${pad(index, 3)}`;

/** A recognisable, unique value of the right form for `vr`, and the text to scan for (null: not scannable). */
function valueFor(vr: string, index: number, seed: number): { element: DicomElement; scan: string | null } {
  const token = `PHI${seed}X${index}`;
  const text = (value: string) => ({ element: { vr, Value: [value] }, scan: value });
  switch (vr) {
    case 'PN':
      return { element: { vr, Value: [{ Alphabetic: `${token}^Given` }] }, scan: token };
    case 'DA':
      return text(dateFor(index, seed));
    case 'TM':
      return text(timeFor(index, seed));
    case 'DT':
      return text(`${dateFor(index, seed)}${timeFor(index, seed)}`);
    case 'UI':
      return text(`1.2.826.0.1.3680043.10.1337.${seed}.${index}`);
    case 'AS':
      return text(`0${pad(index % 100, 2)}Y`);
    case 'DS':
      return text(`${index}.${seed}731`);
    case 'US':
      return { element: { vr, Value: [4] }, scan: null };
    case 'OB':
      return {
        element: { vr, Value: [new TextEncoder().encode(`${token}PAD`).buffer] },
        scan: `${token}PAD`,
      };
    case 'SQ':
      return {
        element: { vr, Value: [{ '00080104': { vr: 'LO', Value: [`${token}ITEM`] } }] },
        scan: `${token}ITEM`,
      };
    default:
      return text(token);
  }
}

/**
 * Fills every attribute of the basic confidentiality profile with a value unique to it and to `seed`,
 * except Image Comments, which the import keeps as technologist text (set it through `imageComments`).
 */
export function identifierElements(seed: number, overrides: Record<string, string> = {}): IdentifierElements {
  const dataset: DicomDataset = {};
  const valuesByTag: Record<string, string> = {};
  BASIC_PROFILE_ATTRIBUTES.forEach(({ tag, keyword }, index) => {
    if (keyword === 'ImageComments') return;
    const vr = dcmjs.data.DicomMetaDictionary.dictionary[tag]?.vr ?? 'LO';
    const override = overrides[keyword];
    const { element, scan } =
      override === undefined
        ? valueFor(vr, index, seed)
        : { element: { vr, Value: [override] }, scan: override };
    const key = tag.replace(/[(),]/g, '');
    dataset[key] = element;
    if (scan !== null) valuesByTag[key] = scan;
  });
  const secret = `PRIVATE${seed}SECRET`;
  dataset['00090010'] = { vr: 'LO', Value: ['LOUPE FIXTURE'] };
  dataset['00091001'] = { vr: 'LO', Value: [secret] };
  valuesByTag['00091001'] = secret;
  return { dataset, valuesByTag };
}
