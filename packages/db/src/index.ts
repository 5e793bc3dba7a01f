export * from './blob-store';
export * from './blob-sweep';
export * from './client';
export * from './data-dir-lock';
export * from './events';
export * from './queries/current-labels';
export * from './queries/prediction-tables';
export * as schema from './schema';
export * from './schema';
