import type {
  StudyPageSetCropBoxMutation,
  StudyPageSetCropBoxMutationVariables,
  SuggestStudyCropBoxQuery,
  SuggestStudyCropBoxQueryVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

const suggestStudyCropBoxOperation = /* GraphQL */ `
  query SuggestStudyCropBox($studyId: ID!) {
    suggestStudyCropBox(studyId: $studyId) { x y width height isWholeImage imageCount }
  }
`;

/** A default crop box for a study: the median of its images' suggested boxes; saves nothing. */
export const suggestStudyCropBoxQuery = graphqlDocument<
  SuggestStudyCropBoxQuery,
  SuggestStudyCropBoxQueryVariables
>(suggestStudyCropBoxOperation);

const setStudyCropBoxOperation = /* GraphQL */ `
  mutation StudyPageSetCropBox($studyId: ID!, $box: CropBoxInput) {
    setStudyCropBox(studyId: $studyId, box: $box) { id cropBox { x y width height } }
  }
`;

/** Sets (or with null clears) the default crop box of a study's images. */
export const studyPageSetCropBoxMutation = graphqlDocument<
  StudyPageSetCropBoxMutation,
  StudyPageSetCropBoxMutationVariables
>(setStudyCropBoxOperation);
