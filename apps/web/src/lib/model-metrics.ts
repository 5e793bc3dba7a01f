import { z } from 'zod';

const nullableNumber = z.number().nullable();

const classMetricsSchema = z.object({
  classIndex: z.number().int(),
  support: z.number(),
  predictedCount: z.number(),
  truePositives: z.number(),
  precision: nullableNumber,
  recall: nullableNumber,
  f1: nullableNumber,
});

const reliabilityBinSchema = z.object({
  lower: z.number(),
  upper: z.number(),
  count: z.number(),
  meanConfidence: nullableNumber,
  accuracy: nullableNumber,
});

export type ClassMetrics = z.infer<typeof classMetricsSchema>;
export type ReliabilityBin = z.infer<typeof reliabilityBinSchema>;

/**
 * The per-class table and the reliability bins of a model version, read from its raw metrics (the shape
 * packages/ml's evaluate writes). Each part is null when the raw JSON lacks it or holds something else, so
 * an older or unevaluated version shows "not available" instead of breaking the screen.
 */
export function readRawMetrics(raw: unknown): {
  perClass: ClassMetrics[] | null;
  reliability: ReliabilityBin[] | null;
} {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const perClass = z.array(classMetricsSchema).safeParse(record.perClass);
  const reliability = z.array(reliabilityBinSchema).safeParse(record.reliability);
  return {
    perClass: perClass.success ? perClass.data : null,
    reliability: reliability.success ? reliability.data : null,
  };
}

/** "84.2 %", or "–" for a missing value. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value == null || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(digits)} %`;
}

/** "71.0–92.5 %", or null when either bound is missing. */
export function formatInterval(
  lower: number | null | undefined,
  upper: number | null | undefined,
): string | null {
  if (lower == null || upper == null) return null;
  return `${(lower * 100).toFixed(1)}–${(upper * 100).toFixed(1)} %`;
}

/** "0.84", or "–": for F1, precision and calibration error. */
export function formatRatio(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '–' : value.toFixed(2);
}
