/** The part of graphql-upload that the API uses (the package types itself with JSDoc only). */
declare module 'graphql-upload/processRequest.mjs' {
  import type { Readable } from 'node:stream';

  export type FileUpload = {
    filename: string;
    mimetype: string;
    encoding: string;
    createReadStream: () => Readable;
  };
  export type ProcessRequestOptions = { maxFieldSize?: number; maxFileSize?: number; maxFiles?: number };
}

declare module 'graphql-upload/graphqlUploadExpress.mjs' {
  import type { RequestHandler } from 'express';
  import type { ProcessRequestOptions } from 'graphql-upload/processRequest.mjs';

  export default function graphqlUploadExpress(options?: ProcessRequestOptions): RequestHandler;
}

declare module 'graphql-upload/GraphQLUpload.mjs' {
  import type { GraphQLScalarType } from 'graphql';

  const GraphQLUpload: GraphQLScalarType;
  export default GraphQLUpload;
}
