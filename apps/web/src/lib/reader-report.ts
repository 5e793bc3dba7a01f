import type { ReaderStudyReportQuery } from '../gql/operations';

/** A reader study with its results, as the report needs it (the ReaderStudyReport query). */
export type ReaderReportData = NonNullable<ReaderStudyReportQuery['readerStudy']>;
type Rater = ReaderReportData['results']['raters'][number];
type Estimate = NonNullable<Rater['accuracy']>;

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/** "Dr Ada (reader)", "Model v3 (model)": how the report names a rater. */
export function raterName(rater: Rater): string {
  if (rater.kind === 'MODEL') return rater.modelVersion ? `Model v${rater.modelVersion.version}` : 'Model';
  return rater.reader?.name || rater.reader?.email || 'Reader';
}

function plural(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? '' : 's'}`;
}

function percent(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)} %`;
}

function interval(estimate: Estimate, kind: 'wilson' | 'clusterBootstrap'): string {
  const bounds = estimate[kind];
  return `${(bounds.lower * 100).toFixed(1)}–${(bounds.upper * 100).toFixed(1)} %`;
}

/** "p = 0.031", "p < 0.001". */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "4.2 s", "1 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function estimateCells(estimate: Estimate | null): string {
  if (!estimate) return '<td>–</td><td>–</td><td>–</td>';
  const level = Math.round(estimate.wilson.level * 100);
  return [
    `<td class="num">${percent(estimate.estimate)} <span class="muted">(${estimate.successes}/${estimate.total})</span></td>`,
    `<td class="num" title="${level} % Wilson interval">${interval(estimate, 'wilson')}</td>`,
    `<td class="num" title="${Math.round(estimate.clusterBootstrap.level * 100)} % cluster bootstrap interval">${interval(estimate, 'clusterBootstrap')}</td>`,
  ].join('');
}

function accuracyTable(raters: readonly Rater[]): string {
  const level = raters.find((rater) => rater.accuracy)?.accuracy?.wilson.level ?? 0.95;
  const pct = Math.round(level * 100);
  const rows = raters
    .map(
      (rater) =>
        `<tr><th scope="row">${escapeHtml(raterName(rater))}</th><td>${rater.kind === 'MODEL' ? 'Model' : 'Reader'}</td><td class="num">${rater.answered}</td>${estimateCells(rater.accuracy)}${estimateCells(rater.top2Accuracy)}</tr>`,
    )
    .join('');
  return `<table class="data" data-testid="report-accuracy">
<caption>Table 1. Accuracy of each reader and model on the study images (top-1: first choice; top-2: reference among the first two choices), with ${pct} % Wilson and cluster-bootstrap (by exam) intervals.</caption>
<thead><tr><th scope="col" rowspan="2">Rater</th><th scope="col" rowspan="2">Kind</th><th scope="col" rowspan="2">Images</th><th scope="colgroup" colspan="3">Top-1 accuracy</th><th scope="colgroup" colspan="3">Top-2 accuracy</th></tr>
<tr><th scope="col">Estimate</th><th scope="col">Wilson ${pct} %</th><th scope="col">Bootstrap ${pct} %</th><th scope="col">Estimate</th><th scope="col">Wilson ${pct} %</th><th scope="col">Bootstrap ${pct} %</th></tr></thead>
<tbody>${rows || '<tr><td colspan="9">No rater yet.</td></tr>'}</tbody></table>`;
}

/** The cell's fill: the share of its row, from the surface colour to the accent. */
function cellFill(share: number): string {
  const lightness = Math.round(97 - share * 55);
  return `hsl(212 70% ${lightness}%)`;
}

/** A confusion matrix as an SVG heatmap: counts in the cells, rows the reference, columns the first choice. */
export function confusionHeatmapSvg(
  matrix: readonly (readonly number[])[],
  categories: readonly { name: string }[],
  title: string,
): string {
  const size = matrix.length;
  // Smaller cells for many categories, so that several matrices fit side by side.
  const cell = size <= 5 ? 44 : Math.max(24, Math.floor(300 / size));
  const left = 100;
  const top = 84;
  // Room on the right for the last rotated column names.
  const width = left + size * cell + 64;
  const height = top + size * cell + 4;
  const name = (index: number) => categories[index]?.name ?? `class ${index + 1}`;
  const short = (text: string) => (text.length > 13 ? `${text.slice(0, 12)}…` : text);
  const parts: string[] = [];
  matrix.forEach((row, rowIndex) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    parts.push(
      `<text x="${left - 6}" y="${top + rowIndex * cell + cell / 2 + 4}" text-anchor="end">${escapeHtml(short(name(rowIndex)))}</text>`,
    );
    row.forEach((count, columnIndex) => {
      const share = total > 0 ? count / total : 0;
      const x = left + columnIndex * cell;
      const y = top + rowIndex * cell;
      const diagonal = rowIndex === columnIndex;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${cellFill(share)}" stroke="${diagonal ? '#111' : '#bbb'}" stroke-width="${diagonal ? 2 : 1}"><title>${escapeHtml(`${name(rowIndex)} read as ${name(columnIndex)}: ${count}`)}</title></rect>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${share > 0.55 ? '#fff' : '#111'}"${diagonal ? ' font-weight="700"' : ''}>${count}</text>`,
      );
    });
  });
  categories.slice(0, size).forEach((category, index) => {
    const x = left + index * cell + cell / 2;
    parts.push(
      `<text x="${x}" y="${top - 8}" text-anchor="start" transform="rotate(-45 ${x} ${top - 8})">${escapeHtml(short(category.name))}</text>`,
    );
  });
  const label = `${title}: confusion matrix, rows reference category, columns first choice. ${matrix
    .map((row, index) => `${name(index)}: ${row.join(', ')}`)
    .join('; ')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="${cell < 32 ? 11 : 12}"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}

function confusionSection(data: ReaderReportData): string {
  const { raters, categories } = data.results;
  const figures = raters
    .map(
      (rater) =>
        `<figure class="heatmap" data-testid="report-heatmap">${confusionHeatmapSvg(rater.confusionMatrix, categories, raterName(rater))}<figcaption>${escapeHtml(raterName(rater))} (${rater.answered} images): reference ↓, read as →</figcaption></figure>`,
    )
    .join('');
  return `<section><h3>Confusion matrices</h3><p class="muted">Rows: reference category; columns: first choice. The diagonal (correct) cells have a dark border; each cell is shaded by its share of the row.</p><div class="heatmaps">${figures || '<p>No rater yet.</p>'}</div></section>`;
}

function recallTable(data: ReaderReportData): string {
  const { raters, categories } = data.results;
  if (raters.length === 0) return '';
  const head = raters.map((rater) => `<th scope="col">${escapeHtml(raterName(rater))}</th>`).join('');
  const rows = categories
    .map((category) => {
      const cells = raters
        .map((rater) => {
          const entry = rater.perClassRecall.find((recall) => recall.category.id === category.id);
          return `<td class="num">${entry ? `${percent(entry.recall)} <span class="muted">(n=${entry.support})</span>` : '–'}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(category.name)}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="data" data-testid="report-recall"><caption>Table 2. Recall per reference category.</caption><thead><tr><th scope="col">Category</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function comparisonTable(data: ReaderReportData): string {
  const names = new Map(data.results.raters.map((rater) => [rater.key, raterName(rater)]));
  const rows = data.results.comparisons
    .map(
      (pair) =>
        `<tr><th scope="row">${escapeHtml(names.get(pair.first) ?? pair.first)} vs ${escapeHtml(names.get(pair.second) ?? pair.second)}</th><td class="num">${pair.paired}</td><td class="num">${pair.bothCorrect}</td><td class="num">${pair.onlyFirstCorrect}</td><td class="num">${pair.onlySecondCorrect}</td><td class="num">${pair.neitherCorrect}</td><td class="num">${formatPValue(pair.mcnemarPValue)}</td><td class="num">${pair.kappa == null ? '–' : pair.kappa.toFixed(2)}</td></tr>`,
    )
    .join('');
  return `<table class="data" data-testid="report-comparisons"><caption>Table 3. Pairwise comparisons on the images both raters answered: McNemar's exact test of accuracy (two-sided) and Cohen's kappa of the first choices.</caption>
<thead><tr><th scope="col">Pair (first vs second)</th><th scope="col">Paired images</th><th scope="col">Both correct</th><th scope="col">Only first</th><th scope="col">Only second</th><th scope="col">Neither</th><th scope="col">McNemar</th><th scope="col">Kappa</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8">Fewer than two raters.</td></tr>'}</tbody></table>`;
}

function readingTimeTable(data: ReaderReportData): string {
  const readers = data.results.raters.filter((rater) => rater.kind === 'READER');
  const rows = readers
    .map(
      (rater) =>
        `<tr><th scope="row">${escapeHtml(raterName(rater))}</th><td class="num">${rater.answered}</td><td class="num">${rater.readingTime ? formatDuration(rater.readingTime.medianMs) : '–'}</td><td class="num">${rater.readingTime ? formatDuration(rater.readingTime.totalMs) : '–'}</td></tr>`,
    )
    .join('');
  return `<table class="data" data-testid="report-reading-time"><caption>Table 4. Reading time per reader, measured from the image being shown to the answer.</caption><thead><tr><th scope="col">Reader</th><th scope="col">Images</th><th scope="col">Median per image</th><th scope="col">Total</th></tr></thead><tbody>${rows || '<tr><td colspan="4">No reader.</td></tr>'}</tbody></table>`;
}

const splitNames: Record<string, string> = { TRAIN: 'Training', VALIDATION: 'Validation', TEST: 'Test' };

function datasetSection(data: ReaderReportData): string {
  const { composition, name } = data.dataset;
  const rows = composition.splits
    .map(
      (split) =>
        `<tr><th scope="row">${escapeHtml(splitNames[split.split] ?? split.split)}</th><td class="num">${split.studyCount}</td><td class="num">${split.imageCount}</td><td class="num">${split.labelledImageCount}</td></tr>`,
    )
    .join('');
  const view =
    data.view === 'CROP'
      ? 'Readers saw the crop box only (no burned-in technologist text).'
      : 'Readers saw the whole image.';
  const sample = data.sampleSeed
    ? ` They were drawn stratified by reference category (seed “${escapeHtml(data.sampleSeed)}”).`
    : '';
  return `<section><h3>Data</h3><p>The dataset <strong>${escapeHtml(name)}</strong> holds ${composition.imageCount} images from ${composition.studyCount} studies (exams), ${composition.labelledImageCount} of them labelled; the train/validation/test split is by study. The reader study uses ${data.results.imageCount} labelled images from ${data.results.studyCount} studies.${sample} ${view}</p>
<table class="data" data-testid="report-composition"><caption>Dataset composition by split.</caption><thead><tr><th scope="col">Split</th><th scope="col">Studies</th><th scope="col">Images</th><th scope="col">Labelled</th></tr></thead><tbody>${rows}<tr class="total"><th scope="row">All</th><td class="num">${composition.studyCount}</td><td class="num">${composition.imageCount}</td><td class="num">${composition.labelledImageCount}</td></tr></tbody></table></section>`;
}

function summarySentence(data: ReaderReportData): string {
  const parts = data.results.raters
    .filter((rater) => rater.accuracy)
    .map((rater) => `${escapeHtml(raterName(rater))} ${percent(rater.accuracy?.estimate)}`);
  if (parts.length === 0) return '<p>No answers yet.</p>';
  return `<p>Top-1 accuracy on the same ${data.results.imageCount} images: ${parts.join('; ')}.</p>`;
}

/** The report's styles, scoped to `.reader-report` so the page that embeds the report keeps its own. */
export const readerReportCss = `
.reader-report { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; background: #fff; line-height: 1.45; max-width: 72rem; padding: 1rem 1.25rem; }
.reader-report h2 { font-size: 1.4rem; margin: 0 0 .25rem; }
.reader-report h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.reader-report .muted { color: #555; }
.reader-report table.data { border-collapse: collapse; margin: .75rem 0; font-size: .875rem; }
.reader-report table.data caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: .35rem; }
.reader-report table.data th, .reader-report table.data td { border-bottom: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
.reader-report table.data thead th { border-bottom: 2px solid #333; }
.reader-report td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.reader-report tr.total th, .reader-report tr.total td { font-weight: 600; }
.reader-report .heatmaps { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: 1.25rem; align-items: start; }
.reader-report figure.heatmap { margin: 0; break-inside: avoid; }
.reader-report figure.heatmap figcaption { font-size: .875rem; font-weight: 600; }
.reader-report figure.heatmap svg { display: block; width: 100%; max-width: 32rem; height: auto; }
@media print { .reader-report { max-width: none; } .reader-report section { break-inside: avoid-page; } }
`;

/** The report's body: a results section in the layout of a paper's (text, tables, figures). */
export function renderReaderStudyReportBody(data: ReaderReportData): string {
  const raters = data.results.raters;
  const state =
    data.state === 'CLOSED'
      ? `closed${data.closedAt ? ` on ${escapeHtml(data.closedAt.slice(0, 10))}` : ''}`
      : data.state === 'OPEN'
        ? 'open (interim results)'
        : 'a draft';
  const readers = raters.filter((rater) => rater.kind === 'READER').length;
  const models = raters.filter((rater) => rater.kind === 'MODEL').length;
  return `<article class="reader-report" data-testid="reader-report">
<h2>${escapeHtml(data.name)}</h2>
<p class="muted">Reader study on ${escapeHtml(data.dataset.name)}; ${state}. ${plural(readers, 'reader')}, ${plural(models, 'model version')}, ${plural(data.results.imageCount, 'image')}.</p>
<section><h3>Results</h3>${summarySentence(data)}${accuracyTable(raters)}</section>
${confusionSection(data)}
<section><h3>Per-class recall</h3>${recallTable(data)}</section>
<section><h3>Statistical comparisons</h3>${comparisonTable(data)}</section>
<section><h3>Reading time</h3>${readingTimeTable(data)}</section>
${datasetSection(data)}
</article>`;
}

/** The report as a self-contained HTML document: inline CSS and SVG, nothing fetched from elsewhere. */
export function renderReaderStudyReport(data: ReaderReportData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${data.name} — reader study report`)}</title>
<style>body { margin: 2rem; background: #fff; }${readerReportCss}</style></head>
<body>${renderReaderStudyReportBody(data)}</body></html>
`;
}
