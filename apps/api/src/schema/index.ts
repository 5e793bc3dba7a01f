import { makeExecutableSchema } from '@graphql-tools/schema';
import { JSONResolver } from 'graphql-scalars';
import { aliasRuleResolvers, aliasRuleTypeDefs } from './alias-rule';
import { apiTokenResolvers, apiTokenTypeDefs } from './api-tokens';
import { baseTypeDefs } from './base';
import { bulkLabelResolvers, bulkLabelTypeDefs } from './bulk-label';
import { categoryOverviewResolvers, categoryOverviewTypeDefs } from './category-overview';
import { curationResolvers, curationTypeDefs } from './curation';
import { datasetResolvers, datasetTypeDefs } from './dataset';
import { datasetAnalysisResolvers, datasetAnalysisTypeDefs } from './dataset-analysis';
import { datasetImagesResolvers, datasetImagesTypeDefs } from './dataset-images';
import { datasetOverviewResolvers, datasetOverviewTypeDefs } from './dataset-overview';
import { exclusionResolvers, exclusionTypeDefs } from './exclusions';
import { healthResolvers, healthTypeDefs } from './health';
import { imageResolvers, imageTypeDefs } from './image';
import { importFilesResolvers, importFilesTypeDefs } from './import-files';
import { labelingResolvers, labelingTypeDefs } from './labeling';
import { modelComparisonResolvers, modelComparisonTypeDefs } from './model-comparison';
import { modelPromotionResolvers, modelPromotionTypeDefs } from './model-promotion';
import { modelVersionResolvers, modelVersionTypeDefs } from './model-version';
import { nodeResolvers } from './node';
import { readerStudyResolvers, readerStudyTypeDefs } from './reader-study';
import { studyResolvers, studyTypeDefs } from './study';
import { subscriptionResolvers, subscriptionTypeDefs } from './subscriptions';
import { systemResolvers, systemTypeDefs } from './system';
import { trainingSettingsResolvers, trainingSettingsTypeDefs } from './training-settings';
import { userResolvers, userTypeDefs } from './users';

/** Assembles the one public API from one module per domain type. */
export function buildSchema() {
  return makeExecutableSchema({
    typeDefs: [
      baseTypeDefs,
      healthTypeDefs,
      systemTypeDefs,
      datasetTypeDefs,
      studyTypeDefs,
      imageTypeDefs,
      modelVersionTypeDefs,
      labelingTypeDefs,
      curationTypeDefs,
      userTypeDefs,
      apiTokenTypeDefs,
      datasetImagesTypeDefs,
      datasetAnalysisTypeDefs,
      datasetOverviewTypeDefs,
      aliasRuleTypeDefs,
      categoryOverviewTypeDefs,
      modelPromotionTypeDefs,
      bulkLabelTypeDefs,
      readerStudyTypeDefs,
      subscriptionTypeDefs,
      importFilesTypeDefs,
      exclusionTypeDefs,
      modelComparisonTypeDefs,
      trainingSettingsTypeDefs,
    ],
    resolvers: [
      { JSON: JSONResolver },
      nodeResolvers,
      healthResolvers,
      systemResolvers,
      datasetResolvers,
      studyResolvers,
      imageResolvers,
      modelVersionResolvers,
      labelingResolvers,
      curationResolvers,
      userResolvers,
      apiTokenResolvers,
      datasetImagesResolvers,
      datasetAnalysisResolvers,
      datasetOverviewResolvers,
      aliasRuleResolvers,
      categoryOverviewResolvers,
      modelPromotionResolvers,
      bulkLabelResolvers,
      ...readerStudyResolvers,
      subscriptionResolvers,
      importFilesResolvers,
      exclusionResolvers,
      modelComparisonResolvers,
      trainingSettingsResolvers,
    ],
  });
}
