import { makeExecutableSchema } from '@graphql-tools/schema';
import { baseTypeDefs } from './base';
import { datasetResolvers, datasetTypeDefs } from './dataset';
import { healthResolvers, healthTypeDefs } from './health';
import { imageResolvers, imageTypeDefs } from './image';
import { nodeResolvers } from './node';
import { studyResolvers, studyTypeDefs } from './study';

/** Assembles the one public API from one module per domain type. */
export function buildSchema() {
  return makeExecutableSchema({
    typeDefs: [baseTypeDefs, healthTypeDefs, datasetTypeDefs, studyTypeDefs, imageTypeDefs],
    resolvers: [nodeResolvers, healthResolvers, datasetResolvers, studyResolvers, imageResolvers],
  });
}
