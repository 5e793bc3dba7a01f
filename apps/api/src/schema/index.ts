import { makeExecutableSchema } from '@graphql-tools/schema';
import { JSONResolver } from 'graphql-scalars';
import { baseTypeDefs } from './base';
import { curationResolvers, curationTypeDefs } from './curation';
import { datasetResolvers, datasetTypeDefs } from './dataset';
import { healthResolvers, healthTypeDefs } from './health';
import { imageResolvers, imageTypeDefs } from './image';
import { labelingResolvers, labelingTypeDefs } from './labeling';
import { modelVersionResolvers, modelVersionTypeDefs } from './model-version';
import { nodeResolvers } from './node';
import { studyResolvers, studyTypeDefs } from './study';
import { systemResolvers, systemTypeDefs } from './system';

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
    ],
  });
}
