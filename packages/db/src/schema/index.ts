export * from './categories';
export * from './crops';
export * from './datasets';
export * from './enums';
export * from './labels';
export * from './models';
export * from './reader-studies';
export * from './users';
