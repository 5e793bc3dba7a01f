import { describe, expect, it } from 'vitest';
import {
  confusionHeatmapSvg,
  escapeHtml,
  formatDuration,
  formatPValue,
  type ReaderReportData,
  renderReaderStudyReport,
} from './reader-report';

const estimate = (successes: number, total: number) => ({
  estimate: successes / total,
  successes,
  total,
  wilson: { level: 0.95, lower: 0.5, upper: 0.9 },
  clusterBootstrap: { level: 0.95, lower: 0.45, upper: 0.92 },
});

function study(overrides: Partial<ReaderReportData> = {}): ReaderReportData {
  const categories = [
    { id: 'c1', name: 'Liver <script>' },
    { id: 'c2', name: 'Kidney' },
  ];
  return {
    id: 's1',
    name: 'Study "A" & <b>',
    state: 'CLOSED',
    view: 'CROP',
    imageCount: 4,
    sampleSeed: null,
    createdAt: '2026-01-01T00:00:00Z',
    openedAt: '2026-01-02T00:00:00Z',
    closedAt: '2026-01-03T00:00:00Z',
    dataset: {
      id: 'd1',
      name: 'demo',
      composition: {
        studyCount: 3,
        imageCount: 10,
        labelledImageCount: 8,
        splits: [{ split: 'TEST', studyCount: 1, imageCount: 4, labelledImageCount: 4 }],
      },
    },
    results: {
      imageCount: 4,
      studyCount: 1,
      categories,
      raters: [
        {
          key: 'a1',
          kind: 'READER',
          answered: 4,
          reader: { id: 'u1', name: 'Dr <Who>', email: 'who@example.org' },
          modelVersion: null,
          accuracy: estimate(3, 4),
          top2Accuracy: estimate(4, 4),
          confusionMatrix: [
            [2, 0],
            [1, 1],
          ],
          perClassRecall: [
            { category: categories[0]!, recall: 1, support: 2 },
            { category: categories[1]!, recall: 0.5, support: 2 },
          ],
          readingTime: { medianMs: 4200, totalMs: 65_000 },
        },
        {
          key: 'm1',
          kind: 'MODEL',
          answered: 4,
          reader: null,
          modelVersion: { id: 'v1', version: 3, backbone: 'b', head: 'linear' },
          accuracy: estimate(2, 4),
          top2Accuracy: null,
          confusionMatrix: [
            [1, 1],
            [1, 1],
          ],
          perClassRecall: [],
          readingTime: null,
        },
      ],
      comparisons: [
        {
          first: 'a1',
          second: 'm1',
          paired: 4,
          bothCorrect: 2,
          onlyFirstCorrect: 1,
          onlySecondCorrect: 0,
          neitherCorrect: 1,
          mcnemarPValue: 1,
          kappa: 0.5,
        },
      ],
    },
    ...overrides,
  };
}

describe('renderReaderStudyReport', () => {
  it('escapes every text it shows', () => {
    const html = renderReaderStudyReport(study());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<Who>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Study &quot;A&quot; &amp; &lt;b&gt;');
    expect(html).toContain('Dr &lt;Who&gt;');
    expect(html).toContain('Liver &lt;script&gt;');
  });

  it('is self-contained: no external source, link or stylesheet', () => {
    const html = renderReaderStudyReport(study());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link|<script|@import|url\(/i);
  });

  it('lays out accuracies with both intervals, comparisons, reading time and the data', () => {
    const html = renderReaderStudyReport(study());
    expect(html).toContain('75.0 % <span class="muted">(3/4)</span>');
    expect(html).toContain('50.0–90.0 %');
    expect(html).toContain('45.0–92.0 %');
    expect(html).toContain('Dr &lt;Who&gt; vs Model v3');
    expect(html).toContain('p = 1.000');
    expect(html).toContain('0.50');
    expect(html).toContain('4.2 s');
    expect(html).toContain('1 min 05 s');
    expect(html).toContain('10 images from 3 studies');
    expect(html).toContain('closed on 2026-01-03. 1 reader, 1 model version, 4 images.');
    expect(html.match(/data-testid="report-heatmap"/g)).toHaveLength(2);
  });

  it('says so when nobody has answered', () => {
    const empty = study();
    empty.results = { ...empty.results, raters: [], comparisons: [] };
    const html = renderReaderStudyReport(empty);
    expect(html).toContain('No answers yet.');
    expect(html).toContain('Fewer than two raters.');
  });
});

describe('confusionHeatmapSvg', () => {
  it('writes every count in its cell and describes the matrix in words', () => {
    const svg = confusionHeatmapSvg(
      [
        [7, 2],
        [0, 5],
      ],
      [{ name: 'A' }, { name: 'B' }],
      'Reader 1',
    );
    expect(svg.match(/<rect /g)).toHaveLength(4);
    for (const count of ['7', '2', '0', '5']) expect(svg).toContain(`>${count}</text>`);
    expect(svg).toContain(
      'aria-label="Reader 1: confusion matrix, rows reference category, columns first choice. A: 7, 2; B: 0, 5"',
    );
  });
});

describe('formatting', () => {
  it('formats p-values, durations and escapes', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.03125)).toBe('p = 0.031');
    expect(formatDuration(950)).toBe('0.9 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});
