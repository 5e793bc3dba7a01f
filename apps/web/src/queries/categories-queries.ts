import type {
  AliasRuleApplyMutation,
  AliasRuleApplyMutationVariables,
  AliasRuleCreateMutation,
  AliasRuleCreateMutationVariables,
  AliasRuleDeleteMutation,
  AliasRuleDeleteMutationVariables,
  AliasRuleTestQuery,
  AliasRuleTestQueryVariables,
  CategoriesLabelChangedSubscription,
  CategoriesLabelChangedSubscriptionVariables,
  CategoriesScreenQuery,
  CategoriesScreenQueryVariables,
  CategoryArchiveMutation,
  CategoryArchiveMutationVariables,
  CategoryCreateMutation,
  CategoryCreateMutationVariables,
  CategoryMergeMutation,
  CategoryMergeMutationVariables,
  CategoryMergePreviewQuery,
  CategoryMergePreviewQueryVariables,
  CategoryRenameMutation,
  CategoryRenameMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type CategoriesScreenData = NonNullable<CategoriesScreenQuery['dataset']>;
export type CategoryItem = CategoriesScreenData['categories'][number];
export type MergedCategoryItem = CategoriesScreenData['mergedCategories'][number];
export type AliasRuleItem = CategoriesScreenData['aliasRules'][number];
export type AliasMatch = AliasRuleItem['match'];
export type AliasRulePreview = AliasRuleTestQuery['testAliasRule'];

const categoryItemFragment = /* GraphQL */ `
  fragment CategoryItem on Category {
    id
    name
    labelCount
    archived
    aliases { id pattern match }
  }
`;

const aliasRuleItemFragment = /* GraphQL */ `
  fragment AliasRuleItem on CategoryAlias {
    id
    pattern
    match
    matchCount
    createdAt
    category { id name }
  }
`;

const categoriesScreenOperation = /* GraphQL */ `
  query CategoriesScreen($id: ID!) {
    dataset(id: $id) {
      id
      categories(includeArchived: true) { ...CategoryItem }
      mergedCategories { id name labelCount mergedInto { id name } }
      aliasRules { ...AliasRuleItem }
    }
  }
`;

/** Every category of a dataset (archived too, merged apart) with its label count, and the alias rules. */
export const categoriesScreenQuery = graphqlDocument<CategoriesScreenQuery, CategoriesScreenQueryVariables>(
  categoriesScreenOperation,
  categoryItemFragment,
  aliasRuleItemFragment,
);

const categoryCreateOperation = /* GraphQL */ `
  mutation CategoryCreate($datasetId: ID!, $name: String!) {
    createCategory(datasetId: $datasetId, name: $name) { id name }
  }
`;

export const categoryCreateMutation = graphqlDocument<
  CategoryCreateMutation,
  CategoryCreateMutationVariables
>(categoryCreateOperation);

const categoryRenameOperation = /* GraphQL */ `
  mutation CategoryRename($categoryId: ID!, $name: String!) {
    renameCategory(categoryId: $categoryId, name: $name) { id name }
  }
`;

export const categoryRenameMutation = graphqlDocument<
  CategoryRenameMutation,
  CategoryRenameMutationVariables
>(categoryRenameOperation);

const categoryArchiveOperation = /* GraphQL */ `
  mutation CategoryArchive($categoryId: ID!, $archived: Boolean!) {
    archiveCategory(categoryId: $categoryId, archived: $archived) { id archived }
  }
`;

export const categoryArchiveMutation = graphqlDocument<
  CategoryArchiveMutation,
  CategoryArchiveMutationVariables
>(categoryArchiveOperation);

const categoryMergePreviewOperation = /* GraphQL */ `
  query CategoryMergePreview($sourceId: ID!, $targetId: ID!) {
    previewMerge(sourceId: $sourceId, targetId: $targetId) { labelsMoving aliasesMoving }
  }
`;

export const categoryMergePreviewQuery = graphqlDocument<
  CategoryMergePreviewQuery,
  CategoryMergePreviewQueryVariables
>(categoryMergePreviewOperation);

const categoryMergeOperation = /* GraphQL */ `
  mutation CategoryMerge($sourceId: ID!, $targetId: ID!) {
    mergeCategories(sourceId: $sourceId, targetId: $targetId) { labelsMoved target { id name labelCount } }
  }
`;

export const categoryMergeMutation = graphqlDocument<CategoryMergeMutation, CategoryMergeMutationVariables>(
  categoryMergeOperation,
);

const aliasRuleTestOperation = /* GraphQL */ `
  query AliasRuleTest($datasetId: ID!, $pattern: String!, $match: AliasMatch!, $categoryId: ID, $first: Int) {
    testAliasRule(datasetId: $datasetId, pattern: $pattern, match: $match, categoryId: $categoryId, first: $first) {
      matchCount
      textCount
      samples { text imageCount }
      labelChangeCount
      keptLabelCount
    }
  }
`;

export const aliasRuleTestQuery = graphqlDocument<AliasRuleTestQuery, AliasRuleTestQueryVariables>(
  aliasRuleTestOperation,
);

const aliasRuleCreateOperation = /* GraphQL */ `
  mutation AliasRuleCreate($datasetId: ID!, $categoryId: ID!, $pattern: String!, $match: AliasMatch!) {
    createAliasRule(datasetId: $datasetId, categoryId: $categoryId, pattern: $pattern, match: $match) {
      ...AliasRuleItem
    }
  }
`;

export const aliasRuleCreateMutation = graphqlDocument<
  AliasRuleCreateMutation,
  AliasRuleCreateMutationVariables
>(aliasRuleCreateOperation, aliasRuleItemFragment);

const aliasRuleApplyOperation = /* GraphQL */ `
  mutation AliasRuleApply($id: ID!) {
    applyAliasRule(id: $id) { labelsWritten aliasRule { id } }
  }
`;

export const aliasRuleApplyMutation = graphqlDocument<
  AliasRuleApplyMutation,
  AliasRuleApplyMutationVariables
>(aliasRuleApplyOperation);

const aliasRuleDeleteOperation = /* GraphQL */ `
  mutation AliasRuleDelete($id: ID!) {
    deleteAliasRule(id: $id) { deletedId }
  }
`;

export const aliasRuleDeleteMutation = graphqlDocument<
  AliasRuleDeleteMutation,
  AliasRuleDeleteMutationVariables
>(aliasRuleDeleteOperation);

const categoriesLabelChangedOperation = /* GraphQL */ `
  subscription CategoriesLabelChanged($datasetId: ID!) {
    labelChanged(datasetId: $datasetId) { images { id } }
  }
`;

/** Any label change in the dataset: the categories screen refetches its counts on each. */
export const categoriesLabelChangedSubscription = graphqlDocument<
  CategoriesLabelChangedSubscription,
  CategoriesLabelChangedSubscriptionVariables
>(categoriesLabelChangedOperation);
