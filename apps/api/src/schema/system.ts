import { instanceSettings } from '@loupe/db';
import { eq } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import type { GraphQLContext } from './context';
import { LOUPE_VERSION } from './health';

export const WORKER_INFO_KEY = 'worker_info';

export const systemTypeDefs = /* GraphQL */ `
  "What runs this instance: versions, and the backend and backbone the newest worker reported."
  type SystemInfo {
    version: String!
    nodeVersion: String!
    database: String!
    "TensorFlow.js backend of the newest worker: tfjs-node-gpu, tfjs-node, wasm or cpu"
    backend: String
    backendReason: String
    tfjsVersion: String
    backbone: String
    embeddingWorkers: Int
    workerStartedAt: String
  }

  extend type Query {
    systemInfo: SystemInfo!
  }
`;

type WorkerInfo = {
  backend?: string;
  reason?: string;
  tfjsVersion?: string;
  backbone?: string;
  workers?: number;
  startedAt?: string;
};

export const systemResolvers = {
  Query: {
    systemInfo: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      const [row] = await ctx.app.database.db
        .select()
        .from(instanceSettings)
        .where(eq(instanceSettings.key, WORKER_INFO_KEY));
      const worker = row ? (JSON.parse(row.value) as WorkerInfo) : {};
      return {
        version: LOUPE_VERSION,
        nodeVersion: process.version,
        database: ctx.app.database.kind,
        backend: worker.backend ?? null,
        backendReason: worker.reason ?? null,
        tfjsVersion: worker.tfjsVersion ?? null,
        backbone: worker.backbone ?? null,
        embeddingWorkers: worker.workers ?? null,
        workerStartedAt: worker.startedAt ?? null,
      };
    },
  },
};
