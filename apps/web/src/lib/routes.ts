/** Path of a study's page; global IDs are opaque, so they are always encoded. */
export function studyPath(studyId: string): string {
  return `/studies/${encodeURIComponent(studyId)}`;
}

/** The screens of a dataset, in the order its navigation lists them. */
export const datasetSections = [
  { section: '', title: 'Overview' },
  { section: 'images', title: 'Images' },
  { section: 'queue', title: 'Review queue' },
  { section: 'categories', title: 'Categories' },
  { section: 'models', title: 'Models' },
  { section: 'jobs', title: 'Jobs' },
  { section: 'reader-studies', title: 'Reader studies' },
  { section: 'import', title: 'Import' },
] as const;

/** Screens of a dataset only roles that may curate see (see `canCurate`). */
export const curatingSections: ReadonlySet<DatasetSection> = new Set(['import']);

export type DatasetSection = (typeof datasetSections)[number]['section'];

/** Path of a dataset's screen (its overview without a section). */
export function datasetPath(datasetId: string, section: DatasetSection = ''): string {
  const base = `/datasets/${encodeURIComponent(datasetId)}`;
  return section ? `${base}/${section}` : base;
}

/** The studies of a dataset: its section of the datasets list on the home page. */
export function datasetStudiesPath(datasetId: string): string {
  return `/#${datasetAnchor(datasetId)}`;
}

/** The id of a dataset's section of the datasets list. */
export function datasetAnchor(datasetId: string): string {
  return `dataset-${datasetId}`;
}

/** Where a dataset is created by importing images into it. */
export const newDatasetImportPath = '/import';

/**
 * The labeler for one image of a dataset; with a strategy, the review queue's continuous flow that
 * continues with the strategy's next image.
 */
export function labelPath(datasetId: string, imageId: string, strategy?: string): string {
  const path = `/datasets/${encodeURIComponent(datasetId)}/label/${encodeURIComponent(imageId)}`;
  return strategy ? `${path}?${new URLSearchParams({ strategy })}` : path;
}

/**
 * Reads an ID (a study's, a dataset's, an image's) back from its path segment. Next 16.4 hands a page its segment still encoded but
 * `generateMetadata` the decoded one; global IDs are base64url (no `%`), so decoding either gives the ID.
 */
export function idFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding, so it was decoded already.
    return segment;
  }
}
