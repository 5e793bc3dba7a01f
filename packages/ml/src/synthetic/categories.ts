/** The demo's 11 abdominal ultrasound views (the paper's count) and the text a technologist types for each. */
export const DEMO_CATEGORIES = [
  'liver',
  'right kidney',
  'left kidney',
  'gallbladder',
  'spleen',
  'pancreas',
  'bladder',
  'aorta',
  'inferior vena cava',
  'common bile duct',
  'portal vein',
] as const;

export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

export type CategoryTexts = {
  /** Texts that name the view, with the usual variants and abbreviations. */
  texts: readonly string[];
  /** Texts that fit this view but also others (region names, a kidney without its side, …). */
  ambiguousTexts: readonly string[];
};

export const CATEGORY_TEXTS: Record<DemoCategory, CategoryTexts> = {
  liver: {
    texts: [
      'LIVER',
      'LIVER LT LOBE',
      'LIVER RT LOBE',
      'LT LOBE LIVER',
      'RT LOBE LIVER',
      'LIVER SAG',
      'LIV TRV',
    ],
    ambiguousTexts: ['RUQ', 'EPIGASTRIC'],
  },
  'right kidney': {
    texts: [
      'RT KIDNEY LONG',
      'RT KIDNEY TRV',
      'RK LONG',
      'R KID',
      'RIGHT KIDNEY',
      'RK UPPER POLE',
      'RT RENAL',
    ],
    ambiguousTexts: ['KIDNEY LONG', 'RUQ'],
  },
  'left kidney': {
    texts: [
      'LT KIDNEY LONG',
      'LT KIDNEY TRV',
      'LK LONG',
      'L KID',
      'LEFT KIDNEY',
      'LK LOWER POLE',
      'LT RENAL',
    ],
    ambiguousTexts: ['KIDNEY LONG', 'LUQ'],
  },
  gallbladder: {
    texts: ['GB', 'GB LONG', 'GB TRV', 'GALLBLADDER', 'GB NECK', 'GB FUNDUS', 'GALLBLADDER SUPINE'],
    ambiguousTexts: ['RUQ', 'GB/CBD'],
  },
  spleen: {
    texts: ['SPLEEN', 'SPLEEN LONG', 'SPL', 'SPLEEN TRV', 'SPLEEN 11.2CM'],
    ambiguousTexts: ['LUQ'],
  },
  pancreas: {
    texts: ['PANCREAS', 'PANC HEAD', 'PANC BODY', 'PANC TAIL', 'PANCREAS TRV'],
    ambiguousTexts: ['MIDLINE TRV', 'EPIGASTRIC'],
  },
  bladder: {
    texts: ['BLADDER', 'BLADDER TRV', 'BLADDER SAG', 'UB', 'URINARY BLADDER', 'BLADDER PRE VOID'],
    ambiguousTexts: ['PELVIS'],
  },
  aorta: {
    texts: ['AORTA', 'AO PROX', 'AO MID', 'AO DIST', 'AORTA LONG', 'AORTA TRV', 'PROX AORTA 1.9CM'],
    ambiguousTexts: ['MIDLINE LONG', 'MIDLINE TRV'],
  },
  'inferior vena cava': {
    texts: ['IVC', 'IVC LONG', 'IVC TRV', 'IVC PROX', 'INF VENA CAVA'],
    ambiguousTexts: ['MIDLINE LONG'],
  },
  'common bile duct': {
    texts: ['CBD', 'CBD 3MM', 'CBD PROX', 'COMMON DUCT', 'CHD/CBD', 'CBD 4.1MM'],
    ambiguousTexts: ['PORTA HEPATIS', 'GB/CBD'],
  },
  'portal vein': {
    texts: ['PV', 'MPV', 'MAIN PORTAL VEIN', 'PORTAL VEIN', 'PV LONG', 'MPV HEPATOPETAL'],
    ambiguousTexts: ['PORTA HEPATIS'],
  },
};

export function isDemoCategory(value: string): value is DemoCategory {
  return (DEMO_CATEGORIES as readonly string[]).includes(value);
}
