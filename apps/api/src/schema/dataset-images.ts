import { requireCapability } from '../auth/roles';
import type { ImageRow } from '../operations/dataset-image-rows';
import { countDatasetImages, findDatasetImages } from '../operations/find-dataset-images';
import type { ImageFilter } from '../operations/image-filter';
import type { ImageOrder } from '../operations/image-order';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { decodeCursor, pageSize, toConnection } from './pagination';

export const datasetImagesTypeDefs = /* GraphQL */ `
  "Which side of the study-level train/validation/test split an image falls on."
  enum Split {
    TRAIN
    VALIDATION
    TEST
  }

  "Where a label came from."
  enum LabelSource {
    TECHNOLOGIST
    IMPORT
    ANNOTATOR
    MERGE
    READER
  }

  "An inclusive range within [0, 1]; a missing end is open."
  input UnitRange {
    min: Float
    max: Float
  }

  """
  Which images to list; every condition given must hold. An empty list matches nothing.
  The split is computed from the study key as training computes it, with the split options of the newest
  model version (training's defaults before the first one). Prediction conditions use the dataset's newest
  model version's predictions (the scores the review queue ranks by); images it has not predicted fail them,
  even where Image.prediction shows an older version's prediction (an image that could not be embedded, or
  one imported while the newest version used another backbone).
  """
  input ImageFilter {
    studyIds: [ID!]
    split: Split
    "The current label's category."
    categoryIds: [ID!]
    "Where the current label came from."
    labelSources: [LabelSource!]
    "Whether the current label names a category (a cleared label counts as unlabelled)."
    labelled: Boolean
    "The newest model version's first guess."
    predictedCategoryIds: [ID!]
    "The newest model version's top-1 probability."
    confidence: UnitRange
    "Top-1 minus top-2 probability."
    margin: UnitRange
    "true: labelled and the first guess is another category; false: labelled and the first guess is the label."
    disagreesWithLabel: Boolean
    "Case-insensitive substring of the technologist's text (% and _ match themselves)."
    annotationContains: String
    "Whether the image is excluded now (see Image.exclusion)."
    excluded: Boolean
    "Exactly these file names (Image.sourceFileName, as imported), at most 1000: find the images a list of files names."
    sourceFileNames: [String!]
  }

  "Image orders; the scores are the dataset's newest model version's, as in ImageFilter."
  enum ImageOrderField {
    CREATED_AT
    "The newest model version's top-1 probability."
    CONFIDENCE
    MARGIN
    ENTROPY
    LABEL_DISAGREEMENT
    SOURCE_FILE_NAME
  }

  enum OrderDirection {
    ASC
    DESC
  }

  """
  How to sort images; ties are broken by image id. Images without the score (not predicted by the newest
  model version; for LABEL_DISAGREEMENT also those it predicted while unlabelled) sort last either way.
  """
  input ImageOrder {
    field: ImageOrderField!
    direction: OrderDirection = ASC
  }

  extend type Dataset {
    """
    The dataset's images, filtered and sorted (at most 500 a page); cursors belong to the ordering.
    totalCount is counted only when selected (it reads every image the filter has to look at).
    """
    images(first: Int = 100, after: String, filter: ImageFilter, orderBy: ImageOrder): ImageConnection!
  }
`;

/** Global ids to database ids (a wrong id is BAD_INPUT). */
function toImageFilter(input: ImageFilter | null | undefined): ImageFilter | undefined {
  if (!input) return undefined;
  const ids = (type: 'Study' | 'Category', values: readonly string[] | null | undefined) =>
    values ? values.map((value) => idOf(type, value)) : values;
  return {
    ...input,
    studyIds: ids('Study', input.studyIds),
    categoryIds: ids('Category', input.categoryIds),
    predictedCategoryIds: ids('Category', input.predictedCategoryIds),
  };
}

export const datasetImagesResolvers = {
  Dataset: {
    images: async (
      dataset: { id: string },
      args: { first?: number; after?: string; filter?: ImageFilter; orderBy?: ImageOrder },
      ctx: GraphQLContext,
    ) => {
      requireCapability(ctx.viewer, 'read');
      const size = pageSize(args.first, 100);
      const { db } = ctx.app.database;
      const filter = toImageFilter(args.filter);
      const page = await findDatasetImages(db, {
        datasetId: dataset.id,
        first: size,
        after: decodeCursor(args.after),
        filter,
        order: args.orderBy
          ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'ASC' }
          : null,
      });
      const connection = toConnection(
        page.rows,
        size,
        0,
        (row) => ({ sort: row.sort, id: row.image.id }),
        (row): ImageRow => row.image,
      );
      // Counted only when the query selects totalCount (the default resolver calls the function), once.
      let count: Promise<number> | undefined;
      const totalCount = () => {
        count ??= countDatasetImages(db, { datasetId: dataset.id, filter });
        return count;
      };
      return { ...connection, totalCount };
    },
  },
};
