/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** How an alias rule compares the trimmed technologist text: equal to the trimmed pattern, equal ignoring case, or containing a match of the pattern as a case-insensitive regular expression (JavaScript syntax). */
export type AliasMatch =
  | 'CASE_INSENSITIVE'
  | 'EXACT'
  | 'REGEX';

export type ComparisonSide =
  | 'FIRST'
  | 'SECOND';

export type CreateReaderStudyInput = {
  /** Left out: the dataset's live categories. */
  categoryIds: Array<string> | null | undefined;
  datasetId: string;
  /** Labelled images of the dataset; left out: its labelled test-split images whose label is offered. */
  imageIds: Array<string> | null | undefined;
  /** Left out: the newest model version (none when the dataset has none). */
  modelVersionIds: Array<string> | null | undefined;
  name: string;
  /** Users with role READER. */
  readerIds: Array<string>;
  sampleSeed: string | null | undefined;
  /** Draw this many of those images, stratified by reference category, with sampleSeed (default loupe). */
  sampleSize: number | null | undefined;
  view: ReaderStudyView | null | undefined;
};

export type CropBoxInput = {
  height: number;
  width: number;
  x: number;
  y: number;
};

/** Which frames of a multi-frame DICOM file become images. */
export type DicomFrames =
  | 'ALL'
  | 'FIRST'
  | 'MIDDLE';

export type HeadKind =
  /** A linear softmax head: fast, the default for label-by-label retraining. */
  | 'LINEAR'
  /** The paper's head: fully connected hidden layers with dropout, then softmax. */
  | 'MLP';

/**
 * Which images to list; every condition given must hold. An empty list matches nothing.
 * The split is computed from the study key as training computes it, with the split options of the newest
 * model version (training's defaults before the first one). Prediction conditions use the dataset's newest
 * model version's predictions (the scores the review queue ranks by); images it has not predicted fail them,
 * even where Image.prediction shows an older version's prediction (an image that could not be embedded, or
 * one imported while the newest version used another backbone).
 */
export type ImageFilter = {
  /** Case-insensitive substring of the technologist's text (% and _ match themselves). */
  annotationContains: string | null | undefined;
  /** The current label's category. */
  categoryIds: Array<string> | null | undefined;
  /** The newest model version's top-1 probability. */
  confidence: UnitRange | null | undefined;
  /** true: labelled and the first guess is another category; false: labelled and the first guess is the label. */
  disagreesWithLabel: boolean | null | undefined;
  /** Whether the image is excluded now (see Image.exclusion). */
  excluded: boolean | null | undefined;
  /** Where the current label came from. */
  labelSources: Array<LabelSource> | null | undefined;
  /** Whether the current label names a category (a cleared label counts as unlabelled). */
  labelled: boolean | null | undefined;
  /** Top-1 minus top-2 probability. */
  margin: UnitRange | null | undefined;
  /** The newest model version's first guess. */
  predictedCategoryIds: Array<string> | null | undefined;
  /** Exactly these file names (Image.sourceFileName, as imported), at most 1000: find the images a list of files names. */
  sourceFileNames: Array<string> | null | undefined;
  split: Split | null | undefined;
  studyIds: Array<string> | null | undefined;
};

/**
 * How to sort images; ties are broken by image id. Images without the score (not predicted by the newest
 * model version; for LABEL_DISAGREEMENT also those it predicted while unlabelled) sort last either way.
 */
export type ImageOrder = {
  direction: OrderDirection | null | undefined;
  field: ImageOrderField;
};

/** Image orders; the scores are the dataset's newest model version's, as in ImageFilter. */
export type ImageOrderField =
  /** The newest model version's top-1 probability. */
  | 'CONFIDENCE'
  | 'CREATED_AT'
  | 'ENTROPY'
  | 'LABEL_DISAGREEMENT'
  | 'MARGIN'
  | 'SOURCE_FILE_NAME';

/** Where a label came from. */
export type LabelSource =
  | 'ANNOTATOR'
  | 'IMPORT'
  | 'MERGE'
  | 'READER'
  | 'TECHNOLOGIST';

/** Manifest column names, where they differ from file, study, label, annotation and crop. */
export type ManifestColumnsInput = {
  annotation: string | null | undefined;
  crop: string | null | undefined;
  file: string | null | undefined;
  label: string | null | undefined;
  study: string | null | undefined;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type RaterKind =
  | 'MODEL'
  | 'READER';

export type ReaderAnswerInput = {
  categoryId: string;
  confidence: number | null | undefined;
  /** A ReaderItem id. */
  itemId: string;
  secondCategoryId: string | null | undefined;
  timeMs: number;
};

export type ReaderStudyState =
  | 'CLOSED'
  | 'DRAFT'
  | 'OPEN';

export type ReaderStudyView =
  /** Readers see the crop box only, never the burned-in technologist text around it. */
  | 'CROP'
  | 'WHOLE_IMAGE';

/** What a user (or a token) may do: ADMIN everything; DATA_SCIENTIST read, label, curate, train; ANNOTATOR read, label, curate; READER nothing yet. */
export type Role =
  | 'ADMIN'
  | 'ANNOTATOR'
  | 'DATA_SCIENTIST'
  | 'READER';

/** Which side of the study-level train/validation/test split an image falls on. */
export type Split =
  | 'TEST'
  | 'TRAIN'
  | 'VALIDATION';

/** An inclusive range within [0, 1]; a missing end is open. */
export type UnitRange = {
  max: number | null | undefined;
  min: number | null | undefined;
};

export type AccountViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountViewerQuery = { me: { role: Role, user: { id: string, name: string, email: string, role: Role, hasPassword: boolean, createdAt: string } } };

export type AccountApiTokenFragment = { id: string, name: string, role: Role, isWebSession: boolean, isCurrent: boolean, createdAt: string, expiresAt: string | null, revokedAt: string | null };

export type AccountApiTokensQueryVariables = Exact<{
  userId: string;
  includeInactive: boolean;
}>;


export type AccountApiTokensQuery = { apiTokens: Array<{ id: string, name: string, role: Role, isWebSession: boolean, isCurrent: boolean, createdAt: string, expiresAt: string | null, revokedAt: string | null }> };

export type CreateApiTokenMutationVariables = Exact<{
  name: string;
  role: Role;
  expiresAt: string | null | undefined;
}>;


export type CreateApiTokenMutation = { createApiToken: { secret: string, apiToken: { id: string, name: string, role: Role, isWebSession: boolean, isCurrent: boolean, createdAt: string, expiresAt: string | null, revokedAt: string | null } } };

export type RevokeApiTokenMutationVariables = Exact<{
  id: string;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { id: string, name: string, role: Role, isWebSession: boolean, isCurrent: boolean, createdAt: string, expiresAt: string | null, revokedAt: string | null } };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangePasswordMutation = { changePassword: boolean };

export type UpdateMyNameMutationVariables = Exact<{
  name: string;
}>;


export type UpdateMyNameMutation = { updateMyName: { id: string, name: string } };

export type BulkLabelMutationVariables = Exact<{
  imageIds: Array<string> | string;
  categoryId: string | null | undefined;
}>;


export type BulkLabelMutation = { bulkLabel: Array<{ id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null }> };

export type BulkExcludeImagesMutationVariables = Exact<{
  imageIds: Array<string> | string;
  reason: string;
}>;


export type BulkExcludeImagesMutation = { excludeImages: Array<{ id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null }> };

export type BulkIncludeImagesMutationVariables = Exact<{
  imageIds: Array<string> | string;
}>;


export type BulkIncludeImagesMutation = { includeImages: Array<{ id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null }> };

export type CategoryItemFragment = { id: string, name: string, labelCount: number, archived: boolean, aliases: Array<{ id: string, pattern: string, match: AliasMatch }> };

export type AliasRuleItemFragment = { id: string, pattern: string, match: AliasMatch, matchCount: number, createdAt: string, category: { id: string, name: string } };

export type CategoriesScreenQueryVariables = Exact<{
  id: string;
}>;


export type CategoriesScreenQuery = { dataset: { id: string, categories: Array<{ id: string, name: string, labelCount: number, archived: boolean, aliases: Array<{ id: string, pattern: string, match: AliasMatch }> }>, mergedCategories: Array<{ id: string, name: string, labelCount: number, mergedInto: { id: string, name: string } | null }>, aliasRules: Array<{ id: string, pattern: string, match: AliasMatch, matchCount: number, createdAt: string, category: { id: string, name: string } }> } | null };

export type CategoryCreateMutationVariables = Exact<{
  datasetId: string;
  name: string;
}>;


export type CategoryCreateMutation = { createCategory: { id: string, name: string } };

export type CategoryRenameMutationVariables = Exact<{
  categoryId: string;
  name: string;
}>;


export type CategoryRenameMutation = { renameCategory: { id: string, name: string } };

export type CategoryArchiveMutationVariables = Exact<{
  categoryId: string;
  archived: boolean;
}>;


export type CategoryArchiveMutation = { archiveCategory: { id: string, archived: boolean } };

export type CategoryMergePreviewQueryVariables = Exact<{
  sourceId: string;
  targetId: string;
}>;


export type CategoryMergePreviewQuery = { previewMerge: { labelsMoving: number, aliasesMoving: number } };

export type CategoryMergeMutationVariables = Exact<{
  sourceId: string;
  targetId: string;
}>;


export type CategoryMergeMutation = { mergeCategories: { labelsMoved: number, target: { id: string, name: string, labelCount: number } } };

export type AliasRuleTestQueryVariables = Exact<{
  datasetId: string;
  pattern: string;
  match: AliasMatch;
  categoryId: string | null | undefined;
  first: number | null | undefined;
}>;


export type AliasRuleTestQuery = { testAliasRule: { matchCount: number, textCount: number, labelChangeCount: number | null, keptLabelCount: number | null, samples: Array<{ text: string, imageCount: number }> } };

export type AliasRuleCreateMutationVariables = Exact<{
  datasetId: string;
  categoryId: string;
  pattern: string;
  match: AliasMatch;
}>;


export type AliasRuleCreateMutation = { createAliasRule: { id: string, pattern: string, match: AliasMatch, matchCount: number, createdAt: string, category: { id: string, name: string } } };

export type AliasRuleApplyMutationVariables = Exact<{
  id: string;
}>;


export type AliasRuleApplyMutation = { applyAliasRule: { labelsWritten: number, aliasRule: { id: string } } };

export type AliasRuleDeleteMutationVariables = Exact<{
  id: string;
}>;


export type AliasRuleDeleteMutation = { deleteAliasRule: { deletedId: string } };

export type CategoriesLabelChangedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type CategoriesLabelChangedSubscription = { labelChanged: { images: Array<{ id: string }> } };

export type DatasetImagesQueryVariables = Exact<{
  id: string;
  first: number;
  after: string | null | undefined;
  filter: ImageFilter | null | undefined;
  orderBy: ImageOrder | null | undefined;
  withChoices: boolean;
}>;


export type DatasetImagesQuery = { dataset: { id: string, categories?: Array<{ id: string, name: string, archived: boolean }>, studies?: { totalCount: number, edges: Array<{ node: { id: string, key: string } }> }, images: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null } }> } } | null };

export type ShellModelVersionFragment = { id: string, version: number, createdAt: string, metrics: { accuracy: number | null, top2Accuracy: number | null, testImageCount: number } };

export type ShellJobFragment = { id: string, kind: string, state: string, attempt: number, progress: number, message: string | null, createdAt: string };

export type DatasetShellQueryVariables = Exact<{
  id: string;
}>;


export type DatasetShellQuery = { dataset: { id: string, name: string, imageCount: number, latestModelVersion: { id: string, version: number, createdAt: string, metrics: { accuracy: number | null, top2Accuracy: number | null, testImageCount: number } } | null, jobs: { edges: Array<{ node: { id: string, kind: string, state: string, attempt: number, progress: number, message: string | null, createdAt: string } }> } } | null };

export type DatasetJobProgressSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type DatasetJobProgressSubscription = { jobProgress: { id: string, kind: string, state: string, attempt: number, progress: number, message: string | null, createdAt: string } };

export type DatasetModelVersionCreatedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type DatasetModelVersionCreatedSubscription = { modelVersionCreated: { id: string, version: number, createdAt: string, metrics: { accuracy: number | null, top2Accuracy: number | null, testImageCount: number } } };

export type DatasetsQueryVariables = Exact<{
  studiesFirst: number;
}>;


export type DatasetsQuery = { datasets: Array<{ id: string, name: string, imageCount: number, excludedImageCount: number, studyCount: number, studies: { totalCount: number, edges: Array<{ node: { id: string, key: string, imageCount: number } }> } }> };

export type ImportFilesMutationVariables = Exact<{
  datasetId: string | null | undefined;
  datasetName: string | null | undefined;
  files: Array<File> | File;
  paths: Array<string> | string | null | undefined;
  manifest: File | null | undefined;
  columns: ManifestColumnsInput | null | undefined;
  frames: DicomFrames | null | undefined;
}>;


export type ImportFilesMutation = { importFiles: { files: number, imported: number, alreadyPresent: number, failed: number, manifestRowsWithoutFile: number, manifestRowsMatched: number, durationMs: number, dataset: { id: string, name: string }, failures: Array<{ file: string, line: number | null, code: string, message: string }>, skipped: Array<{ file: string, reason: string }> } };

export type ImportDatasetQueryVariables = Exact<{
  id: string;
}>;


export type ImportDatasetQuery = { dataset: { id: string, name: string, imports: { totalCount: number, edges: Array<{ node: { id: string, source: string, startedAt: string, finishedAt: string | null, imported: number, alreadyPresent: number, failed: number, importedBy: { name: string } | null } }> } } | null, me: { role: Role } };

export type JobDetailFragment = { id: string, kind: string, state: string, progress: number, message: string | null, error: string | null, attempt: number, createdAt: string, startedAt: string | null, finishedAt: string | null };

export type DatasetJobsQueryVariables = Exact<{
  id: string;
  first: number;
  after: string | null | undefined;
}>;


export type DatasetJobsQuery = { me: { role: Role }, dataset: { id: string, jobs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: string, state: string, progress: number, message: string | null, error: string | null, attempt: number, createdAt: string, startedAt: string | null, finishedAt: string | null } }> } } | null };

export type JobDetailProgressSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type JobDetailProgressSubscription = { jobProgress: { id: string, kind: string, state: string, progress: number, message: string | null, error: string | null, attempt: number, createdAt: string, startedAt: string | null, finishedAt: string | null } };

export type RequestRetrainMutationVariables = Exact<{
  datasetId: string;
}>;


export type RequestRetrainMutation = { requestRetrain: boolean };

export type LabelerImageFragment = { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> };

export type LabelerQueueItemFragment = { strategy: string, score: number, reason: string, margin: number, entropy: number, leasedUntil: string, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null, image: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } };

export type LabelerStartQueryVariables = Exact<{
  imageId: string;
  datasetId: string;
}>;


export type LabelerStartQuery = { image: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } | null, dataset: { id: string, categories: Array<{ id: string, name: string }> } | null };

export type LabelerCategoriesQueryVariables = Exact<{
  datasetId: string;
}>;


export type LabelerCategoriesQuery = { dataset: { id: string, categories: Array<{ id: string, name: string }> } | null };

export type LabelerStudyImagesQueryVariables = Exact<{
  studyId: string;
}>;


export type LabelerStudyImagesQuery = { study: { id: string, images: { edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } }> } } | null };

export type LabelImageMutationVariables = Exact<{
  imageId: string;
  categoryId: string | null | undefined;
}>;


export type LabelImageMutation = { labelImage: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } };

export type UndoLabelMutationVariables = Exact<{
  imageId: string;
}>;


export type UndoLabelMutation = { undoLabel: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } };

export type SetCropBoxMutationVariables = Exact<{
  imageId: string;
  box: CropBoxInput | null | undefined;
}>;


export type SetCropBoxMutation = { setCropBox: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } };

export type SuggestCropBoxQueryVariables = Exact<{
  imageId: string;
}>;


export type SuggestCropBoxQuery = { suggestCropBox: { x: number, y: number, width: number, height: number, isWholeImage: boolean } | null };

export type SetStudyCropBoxMutationVariables = Exact<{
  studyId: string;
  box: CropBoxInput | null | undefined;
}>;


export type SetStudyCropBoxMutation = { setStudyCropBox: { id: string, imageCount: number } };

export type ExcludeImagesMutationVariables = Exact<{
  imageIds: Array<string> | string;
  reason: string;
}>;


export type ExcludeImagesMutation = { excludeImages: Array<{ id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> }> };

export type IncludeImagesMutationVariables = Exact<{
  imageIds: Array<string> | string;
  reason: string | null | undefined;
}>;


export type IncludeImagesMutation = { includeImages: Array<{ id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> }> };

export type TakeQueueItemsMutationVariables = Exact<{
  datasetId: string;
  strategy: string;
  count: number;
}>;


export type TakeQueueItemsMutation = { takeQueueItems: Array<{ strategy: string, score: number, reason: string, margin: number, entropy: number, leasedUntil: string, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null, image: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, annotation: { text: string } | null, study: { id: string, key: string }, cropBox: { x: number, y: number, width: number, height: number, scope: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { modelVersion: { id: string, version: number }, top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null, labelHistory: Array<{ id: string, source: string, author: string | null, isUndo: boolean, createdAt: string, by: { id: string, name: string } | null, category: { id: string, name: string } | null }>, exclusion: { reason: string, author: string | null, excludedAt: string, by: { id: string, name: string } | null } | null, exclusionHistory: Array<{ excluded: boolean, reason: string | null, author: string | null, createdAt: string, by: { id: string, name: string } | null }> } }> };

export type ReleaseQueueItemMutationVariables = Exact<{
  imageId: string;
}>;


export type ReleaseQueueItemMutation = { releaseQueueItem: boolean };

export type LabelerQueueChangedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type LabelerQueueChangedSubscription = { queueChanged: { reason: string, images: Array<{ id: string }>, modelVersion: { id: string, version: number } | null } };

export type LabelerLabelChangedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type LabelerLabelChangedSubscription = { labelChanged: { images: Array<{ id: string, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null }> } };

export type ModelVersionDetailFragment = { id: string, version: number, createdAt: string, isPromoted: boolean, hasPredictions: boolean, head: string, backbone: string, trainingLabelCount: number, trainingMs: number, categories: Array<{ id: string, name: string }>, metrics: { testImageCount: number, accuracy: number | null, accuracyLower: number | null, accuracyUpper: number | null, top2Accuracy: number | null, top2Lower: number | null, top2Upper: number | null, macroF1: number | null, expectedCalibrationError: number | null, confusion: Array<Array<number>> | null, note: string | null, raw: unknown } };

export type DatasetModelsQueryVariables = Exact<{
  id: string;
  first: number;
}>;


export type DatasetModelsQuery = { me: { role: Role }, dataset: { id: string, trainingSettings: { head: HeadKind, hyperparameters: unknown, customHyperparameters: unknown }, modelVersions: { totalCount: number, edges: Array<{ node: { id: string, version: number, createdAt: string, isPromoted: boolean, hasPredictions: boolean, head: string, backbone: string, trainingLabelCount: number, trainingMs: number, categories: Array<{ id: string, name: string }>, metrics: { testImageCount: number, accuracy: number | null, accuracyLower: number | null, accuracyUpper: number | null, top2Accuracy: number | null, top2Lower: number | null, top2Upper: number | null, macroF1: number | null, expectedCalibrationError: number | null, confusion: Array<Array<number>> | null, note: string | null, raw: unknown } } }> } } | null };

export type ModelVersionDetailCreatedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type ModelVersionDetailCreatedSubscription = { modelVersionCreated: { id: string, version: number, createdAt: string, isPromoted: boolean, hasPredictions: boolean, head: string, backbone: string, trainingLabelCount: number, trainingMs: number, categories: Array<{ id: string, name: string }>, metrics: { testImageCount: number, accuracy: number | null, accuracyLower: number | null, accuracyUpper: number | null, top2Accuracy: number | null, top2Lower: number | null, top2Upper: number | null, macroF1: number | null, expectedCalibrationError: number | null, confusion: Array<Array<number>> | null, note: string | null, raw: unknown } } };

export type PromoteModelVersionMutationVariables = Exact<{
  id: string;
}>;


export type PromoteModelVersionMutation = { promoteModelVersion: { id: string, version: number, isPromoted: boolean } };

export type CompareModelVersionsQueryVariables = Exact<{
  first: string;
  second: string;
  shown: number;
}>;


export type CompareModelVersionsQuery = { compareModelVersions: { imageCount: number, studyCount: number, otherCategoryImageCount: number, unpredictedImageCount: number, bothCorrect: number, onlyFirstCorrect: number, onlySecondCorrect: number, neitherCorrect: number, mcnemarPValue: number, kappa: number | null, firstAccuracy: { estimate: number, successes: number, total: number, wilson: { lower: number, upper: number } } | null, secondAccuracy: { estimate: number, successes: number, total: number, wilson: { lower: number, upper: number } } | null, firstTop2Accuracy: { estimate: number, successes: number, total: number } | null, secondTop2Accuracy: { estimate: number, successes: number, total: number } | null, discordantImages: { totalCount: number, edges: Array<{ node: { correct: ComparisonSide, label: { id: string, name: string }, firstGuess: { id: string, name: string }, secondGuess: { id: string, name: string }, image: { id: string, sourceFileName: string, thumbnailUrl: string } } }> } } };

export type UpdateTrainingSettingsMutationVariables = Exact<{
  datasetId: string;
  head: HeadKind | null | undefined;
  hyperparameters: unknown;
}>;


export type UpdateTrainingSettingsMutation = { updateTrainingSettings: { id: string, trainingSettings: { head: HeadKind, hyperparameters: unknown, customHyperparameters: unknown } } };

export type DatasetOverviewQueryVariables = Exact<{
  id: string;
}>;


export type DatasetOverviewQuery = { dataset: { id: string, imageCount: number, excludedImageCount: number, studyCount: number, overview: { labelledCount: number, labelCounts: Array<{ labelledCount: number, category: { id: string, name: string } }>, daily: Array<{ start: string, labelEvents: number, labelledChange: number, labelledTotal: number }>, hourly: Array<{ start: string, labelEvents: number, labelledChange: number, labelledTotal: number }>, queueSizes: Array<{ strategy: string, available: number | null }> }, latestModelVersion: { id: string, version: number, createdAt: string, isPromoted: boolean, metrics: { testImageCount: number, accuracy: number | null, accuracyLower: number | null, accuracyUpper: number | null, top2Accuracy: number | null, top2Lower: number | null, top2Upper: number | null, note: string | null } } | null, jobs: { edges: Array<{ node: { id: string, kind: string, state: string, progress: number, message: string | null, error: string | null, attempt: number, createdAt: string, startedAt: string | null, finishedAt: string | null } }> } } | null };

export type OverviewLabelChangedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type OverviewLabelChangedSubscription = { labelChanged: { dataset: { id: string } } };

export type ReaderStudySummaryFragment = { id: string, name: string, state: ReaderStudyState, view: ReaderStudyView, imageCount: number, createdAt: string, openedAt: string | null, closedAt: string | null, assignments: Array<{ id: string, reader: { id: string, name: string, email: string }, progress: { answered: number, total: number } }> };

export type ReaderStudiesScreenQueryVariables = Exact<{
  id: string;
}>;


export type ReaderStudiesScreenQuery = { dataset: { id: string, name: string, composition: { splits: Array<{ split: Split, imageCount: number, labelledImageCount: number }> } } | null, readerStudies: Array<{ id: string, name: string, state: ReaderStudyState, view: ReaderStudyView, imageCount: number, createdAt: string, openedAt: string | null, closedAt: string | null, assignments: Array<{ id: string, reader: { id: string, name: string, email: string }, progress: { answered: number, total: number } }> }> };

export type ReaderCandidatesQueryVariables = Exact<{ [key: string]: never; }>;


export type ReaderCandidatesQuery = { users: { edges: Array<{ node: { id: string, name: string, email: string, role: Role, isDisabled: boolean } }> } };

export type ReaderStudyCreateMutationVariables = Exact<{
  input: CreateReaderStudyInput;
}>;


export type ReaderStudyCreateMutation = { createReaderStudy: { id: string, name: string, state: ReaderStudyState, view: ReaderStudyView, imageCount: number, createdAt: string, openedAt: string | null, closedAt: string | null, assignments: Array<{ id: string, reader: { id: string, name: string, email: string }, progress: { answered: number, total: number } }> } };

export type ReaderStudyOpenMutationVariables = Exact<{
  id: string;
}>;


export type ReaderStudyOpenMutation = { openReaderStudy: { id: string, name: string, state: ReaderStudyState, view: ReaderStudyView, imageCount: number, createdAt: string, openedAt: string | null, closedAt: string | null, assignments: Array<{ id: string, reader: { id: string, name: string, email: string }, progress: { answered: number, total: number } }> } };

export type ReaderStudyCloseMutationVariables = Exact<{
  id: string;
}>;


export type ReaderStudyCloseMutation = { closeReaderStudy: { id: string, name: string, state: ReaderStudyState, view: ReaderStudyView, imageCount: number, createdAt: string, openedAt: string | null, closedAt: string | null, assignments: Array<{ id: string, reader: { id: string, name: string, email: string }, progress: { answered: number, total: number } }> } };

export type ProportionEstimateFieldsFragment = { estimate: number, successes: number, total: number, wilson: { level: number, lower: number, upper: number }, clusterBootstrap: { level: number, lower: number, upper: number } };

export type ReaderStudyReportQueryVariables = Exact<{
  id: string;
}>;


export type ReaderStudyReportQuery = { readerStudy: { id: string, name: string, state: ReaderStudyState, view: ReaderStudyView, imageCount: number, sampleSeed: string | null, createdAt: string, openedAt: string | null, closedAt: string | null, dataset: { id: string, name: string, composition: { studyCount: number, imageCount: number, labelledImageCount: number, splits: Array<{ split: Split, studyCount: number, imageCount: number, labelledImageCount: number }> } }, results: { imageCount: number, studyCount: number, categories: Array<{ id: string, name: string }>, raters: Array<{ key: string, kind: RaterKind, answered: number, confusionMatrix: Array<Array<number>>, reader: { id: string, name: string, email: string } | null, modelVersion: { id: string, version: number, backbone: string, head: string } | null, accuracy: { estimate: number, successes: number, total: number, wilson: { level: number, lower: number, upper: number }, clusterBootstrap: { level: number, lower: number, upper: number } } | null, top2Accuracy: { estimate: number, successes: number, total: number, wilson: { level: number, lower: number, upper: number }, clusterBootstrap: { level: number, lower: number, upper: number } } | null, perClassRecall: Array<{ recall: number | null, support: number, category: { id: string, name: string } }>, readingTime: { medianMs: number, totalMs: number } | null }>, comparisons: Array<{ first: string, second: string, paired: number, bothCorrect: number, onlyFirstCorrect: number, onlySecondCorrect: number, neitherCorrect: number, mcnemarPValue: number, kappa: number | null }> } } | null };

export type MyReaderAssignmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyReaderAssignmentsQuery = { myReaderAssignments: Array<{ id: string, studyName: string, state: ReaderStudyState, view: ReaderStudyView, progress: { answered: number, total: number } }> };

export type ReaderItemFieldsFragment = { id: string, position: number, imageUrl: string, answer: { confidence: number | null, timeMs: number, revisions: number, category: { id: string, name: string }, secondCategory: { id: string, name: string } | null } | null };

export type ReaderAssignmentScreenQueryVariables = Exact<{
  id: string;
}>;


export type ReaderAssignmentScreenQuery = { node:
    | { __typename: 'Annotation' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Category' }
    | { __typename: 'CategoryAlias' }
    | { __typename: 'Dataset' }
    | { __typename: 'Image' }
    | { __typename: 'ImportBatch' }
    | { __typename: 'Job' }
    | { __typename: 'Label' }
    | { __typename: 'LabelEvent' }
    | { __typename: 'ModelVersion' }
    | { __typename: 'ReaderAssignment', id: string, studyName: string, state: ReaderStudyState, view: ReaderStudyView, categories: Array<{ id: string, name: string, color: string | null }>, progress: { answered: number, total: number }, nextItem: { id: string, position: number, imageUrl: string, answer: { confidence: number | null, timeMs: number, revisions: number, category: { id: string, name: string }, secondCategory: { id: string, name: string } | null } | null } | null }
    | { __typename: 'ReaderStudy' }
    | { __typename: 'ReaderStudyImage' }
    | { __typename: 'Study' }
    | { __typename: 'User' }
   | null };

export type ReaderItemAtQueryVariables = Exact<{
  id: string;
  position: number;
}>;


export type ReaderItemAtQuery = { node:
    | { __typename: 'Annotation' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Category' }
    | { __typename: 'CategoryAlias' }
    | { __typename: 'Dataset' }
    | { __typename: 'Image' }
    | { __typename: 'ImportBatch' }
    | { __typename: 'Job' }
    | { __typename: 'Label' }
    | { __typename: 'LabelEvent' }
    | { __typename: 'ModelVersion' }
    | { __typename: 'ReaderAssignment', id: string, item: { id: string, position: number, imageUrl: string, answer: { confidence: number | null, timeMs: number, revisions: number, category: { id: string, name: string }, secondCategory: { id: string, name: string } | null } | null } }
    | { __typename: 'ReaderStudy' }
    | { __typename: 'ReaderStudyImage' }
    | { __typename: 'Study' }
    | { __typename: 'User' }
   | null };

export type SubmitReaderAnswerMutationVariables = Exact<{
  input: ReaderAnswerInput;
}>;


export type SubmitReaderAnswerMutation = { submitReaderAnswer: { assignment: { id: string, progress: { answered: number, total: number }, nextItem: { id: string, position: number, imageUrl: string, answer: { confidence: number | null, timeMs: number, revisions: number, category: { id: string, name: string }, secondCategory: { id: string, name: string } | null } | null } | null }, item: { id: string, position: number, imageUrl: string, answer: { confidence: number | null, timeMs: number, revisions: number, category: { id: string, name: string }, secondCategory: { id: string, name: string } | null } | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { role: Role, user: { id: string, name: string, email: string } } };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn: { role: Role, user: { id: string, name: string, email: string } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type SuggestStudyCropBoxQueryVariables = Exact<{
  studyId: string;
}>;


export type SuggestStudyCropBoxQuery = { suggestStudyCropBox: { x: number, y: number, width: number, height: number, isWholeImage: boolean, imageCount: number } | null };

export type StudyPageSetCropBoxMutationVariables = Exact<{
  studyId: string;
  box: CropBoxInput | null | undefined;
}>;


export type StudyPageSetCropBoxMutation = { setStudyCropBox: { id: string, cropBox: { x: number, y: number, width: number, height: number } | null } };

export type GridImageFragment = { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null };

export type ImagePageFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null } }> };

export type StudyQueryVariables = Exact<{
  id: string;
  first: number;
  after: string | null | undefined;
}>;


export type StudyQuery = { study: { id: string, key: string, imageCount: number, dataset: { id: string, name: string }, cropBox: { x: number, y: number, width: number, height: number } | null, images: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null } }> } } | null };

export type StudyImagesQueryVariables = Exact<{
  id: string;
  first: number;
  after: string | null | undefined;
}>;


export type StudyImagesQuery = { study: { id: string, images: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, study: { id: string, key: string }, annotation: { text: string } | null, exclusion: { reason: string, excludedAt: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null, prediction: { top1: { probability: number, category: { id: string, name: string } } | null, top2: { probability: number, category: { id: string, name: string } } | null } | null } }> } } | null };

export type ManagedUserFragment = { id: string, email: string, name: string, role: Role, isDisabled: boolean, hasPassword: boolean, createdAt: string };

export type UsersPageQueryVariables = Exact<{
  first: number;
  after: string | null | undefined;
}>;


export type UsersPageQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, email: string, name: string, role: Role, isDisabled: boolean, hasPassword: boolean, createdAt: string } }> } };

export type CreateUserMutationVariables = Exact<{
  email: string;
  name: string;
  role: Role;
  password: string;
}>;


export type CreateUserMutation = { createUser: { id: string, email: string, name: string, role: Role, isDisabled: boolean, hasPassword: boolean, createdAt: string } };

export type UpdateUserMutationVariables = Exact<{
  id: string;
  role: Role | null | undefined;
  disabled: boolean | null | undefined;
  password: string | null | undefined;
  name: string | null | undefined;
  email: string | null | undefined;
}>;


export type UpdateUserMutation = { updateUser: { id: string, email: string, name: string, role: Role, isDisabled: boolean, hasPassword: boolean, createdAt: string } };
