import { escapeXml, linearScale, niceStep, roundOut, type Scale, ticksOf } from './chart-scale';
import type { BandPoint } from './mean-curve';
import type { SimulationSummary } from './summarize-simulations';

/** Okabe-Ito colours (safe for colour-blind readers); the baseline is drawn in grey. */
const PALETTE = ['#E69F00', '#0072B2', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
const BASELINE_COLOUR = '#666666';
const FULL_DATA_DASH = '6 4';
const TARGET_DASH = '2 3';
const SIZE = { width: 780, height: 460, left: 64, right: 210, top: 56, bottom: 52 };

export type CurvesSvgOptions = { title: string; subtitle?: string };

type Frame = { x: Scale; y: Scale; yStep: number };

const fmt = (value: number) => value.toFixed(1);
const percent = (value: number) => `${Number((value * 100).toFixed(1))} %`;

function frameOf(summary: SimulationSummary): Frame {
  const points = summary.strategies.flatMap((strategy) => strategy.curve);
  const lowest = Math.min(summary.targetAccuracy, ...points.map((point) => point.minAccuracy));
  const highest = Math.max(summary.fullDataAccuracy, ...points.map((point) => point.maxAccuracy));
  const yStep = niceStep(Math.max(highest - lowest, 0.05), 6);
  const [y0, y1] = roundOut(Math.max(0, lowest), Math.min(1, highest), yStep);
  const xMax = Math.max(1, ...points.map((point) => point.labels));
  return {
    x: linearScale([0, xMax], [SIZE.left, SIZE.width - SIZE.right]),
    y: linearScale([y0, y1 > y0 ? y1 : y0 + yStep], [SIZE.height - SIZE.bottom, SIZE.top]),
    yStep,
  };
}

function axes({ x, y, yStep }: Frame, seedCount: number): string[] {
  const [bottom, top] = [SIZE.height - SIZE.bottom, SIZE.top];
  const [left, right] = [SIZE.left, SIZE.width - SIZE.right];
  const xTicks = ticksOf(x.domain[0], x.domain[1], niceStep(x.domain[1] - x.domain[0], 8));
  const yTicks = ticksOf(y.domain[0], y.domain[1], yStep);
  return [
    ...yTicks.map(
      (t) =>
        `<line x1="${left}" x2="${right}" y1="${fmt(y(t))}" y2="${fmt(y(t))}" stroke="#e5e5e5"/>` +
        `<text x="${left - 6}" y="${fmt(y(t) + 4)}" text-anchor="end">${percent(t)}</text>`,
    ),
    ...xTicks.map(
      (t) =>
        `<line x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${bottom}" y2="${bottom + 4}" stroke="#333"/>` +
        `<text x="${fmt(x(t))}" y="${bottom + 18}" text-anchor="middle">${t}</text>`,
    ),
    `<path d="M${left},${top}V${bottom}H${right}" fill="none" stroke="#333"/>`,
    `<text x="${(left + right) / 2}" y="${SIZE.height - 12}" text-anchor="middle">labels revealed</text>`,
    `<text transform="translate(16 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">test accuracy (mean of ${seedCount} seed${seedCount === 1 ? '' : 's'}, band min–max)</text>`,
  ];
}

/** The full-data accuracy (dashed) and the target (dotted) across the plot. */
function referenceLines({ x, y }: Frame, summary: SimulationSummary): string[] {
  return [
    [summary.fullDataAccuracy, FULL_DATA_DASH],
    [summary.targetAccuracy, TARGET_DASH],
  ].map(
    ([value, dash]) =>
      `<line x1="${SIZE.left}" x2="${fmt(x(x.domain[1]))}" y1="${fmt(y(value as number))}" y2="${fmt(y(value as number))}" stroke="#333" stroke-dasharray="${dash}"/>`,
  );
}

/** One entry per strategy (colour, name, labels to the target), then the two reference lines. */
function legend(summary: SimulationSummary, colours: readonly string[]): string[] {
  const left = SIZE.width - SIZE.right + 16;
  const entry = (row: number, swatch: string, title: string, detail: string) => {
    const top = SIZE.top + 8 + row * 34;
    return (
      swatch.replaceAll('{y}', String(top + 2)) +
      `<text x="${left + 20}" y="${top + 6}">${escapeXml(title)}</text>` +
      `<text x="${left + 20}" y="${top + 20}" fill="#555">${escapeXml(detail)}</text>`
    );
  };
  const line = (colour: string, dash = 'none') =>
    `<line x1="${left}" x2="${left + 14}" y1="{y}" y2="{y}" stroke="${colour}" stroke-width="${dash === 'none' ? 3 : 1}" stroke-dasharray="${dash}"/>`;
  const strategies = summary.strategies.map((s, i) => {
    const reach =
      s.labelsToTarget === null ? 'target not reached' : `target at ${Math.round(s.labelsToTarget)} labels`;
    return entry(i, line(colours[i] as string), s.strategy, reach);
  });
  const n = summary.strategies.length;
  return [
    ...strategies,
    entry(n, line('#333', FULL_DATA_DASH), 'all training labels', percent(summary.fullDataAccuracy)),
    entry(
      n + 1,
      line('#333', TARGET_DASH),
      `target: ${Math.round(summary.targetShare * 100)} % of that`,
      percent(summary.targetAccuracy),
    ),
  ];
}

function series({ x, y }: Frame, curve: readonly BandPoint[], colour: string): string[] {
  const upper = curve.map((p) => `${fmt(x(p.labels))},${fmt(y(p.maxAccuracy))}`);
  const lower = curve.map((p) => `${fmt(x(p.labels))},${fmt(y(p.minAccuracy))}`).reverse();
  const mean = curve.map((p) => `${fmt(x(p.labels))},${fmt(y(p.accuracy))}`);
  return [
    `<polygon points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.15" stroke="none"/>`,
    `<polyline points="${mean.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`,
  ];
}

/** A line chart of the mean learning curve of every strategy with its min–max band over seeds. */
export function renderCurvesSvg(summary: SimulationSummary, options: CurvesSvgOptions): string {
  const frame = frameOf(summary);
  const colours = summary.strategies.map((s, i) =>
    s.strategy === summary.baseline ? BASELINE_COLOUR : (PALETTE[i % PALETTE.length] as string),
  );
  const seedCount = summary.fullData.length;
  const body = [
    `<text x="${SIZE.left}" y="22" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    options.subtitle ? `<text x="${SIZE.left}" y="40" fill="#555">${escapeXml(options.subtitle)}</text>` : '',
    ...axes(frame, seedCount),
    ...referenceLines(frame, summary),
    ...summary.strategies.flatMap((s, i) => series(frame, s.curve, colours[i] ?? BASELINE_COLOUR)),
    ...legend(summary, colours),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE.width}" height="${SIZE.height}" viewBox="0 0 ${SIZE.width} ${SIZE.height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body.filter(Boolean),
    '</svg>',
    '',
  ].join('\n');
}
