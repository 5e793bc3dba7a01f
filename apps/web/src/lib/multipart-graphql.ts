import { type ApiResult, readGraphQLResponse, unreachableError } from './api-result';
import type { GraphQLDocument } from './graphql-document';

/** Replaces every file in a value by null, noting where it was (`variables.files.0`, say). */
function extractFiles(value: unknown, path: string, found: [string, Blob][]): unknown {
  if (value instanceof Blob) {
    found.push([path, value]);
    return null;
  }
  if (Array.isArray(value)) return value.map((item, index) => extractFiles(item, `${path}.${index}`, found));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [
      key,
      extractFiles(item, `${path}.${key}`, found),
    ]);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * A GraphQL multipart request body (github.com/jaydenseric/graphql-multipart-request-spec): the operation
 * with `null` where each file was, a map from part name to variable path, then the files in that order,
 * each under its `File.name`.
 */
export function multipartBody<TVariables>(
  document: GraphQLDocument<unknown, TVariables>,
  variables: TVariables,
): FormData {
  const files: [string, Blob][] = [];
  const operation = { query: document.query, variables: extractFiles(variables, 'variables', files) };
  const body = new FormData();
  body.append('operations', JSON.stringify(operation));
  body.append(
    'map',
    JSON.stringify(Object.fromEntries(files.map(([path], index) => [String(index), [path]]))),
  );
  files.forEach(([, file], index) => {
    body.append(String(index), file, file instanceof File ? file.name : 'blob');
  });
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (an HTML error page from a proxy, say): the status tells the story.
    return undefined;
  }
}

type SendOptions = {
  /** Told how many bytes of the request body are sent, as the browser sends them. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
};

/**
 * POSTs a document whose variables hold files as a multipart request, from the browser through the web
 * origin with the session cookie. XMLHttpRequest rather than fetch: only it reports upload progress. The API refuses a multipart request
 * without `Apollo-Require-Preflight` (its CSRF protection). Failures come back as an `ApiResult` error.
 */
export function sendMultipartGraphQL<TData, TVariables>(
  endpoint: string,
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  { onProgress }: SendOptions = {},
): Promise<ApiResult<TData>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', endpoint);
    request.setRequestHeader('Apollo-Require-Preflight', 'true');
    request.setRequestHeader('Accept', 'application/graphql-response+json, application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    });
    request.addEventListener('load', () =>
      resolve(readGraphQLResponse<TData>(request.status, parseJson(request.responseText))),
    );
    const fail = (reason: string) => () =>
      resolve({ ok: false, error: unreachableError(endpoint, new Error(reason)) });
    request.addEventListener('error', fail('the connection failed'));
    request.addEventListener('timeout', fail('the request timed out'));
    request.addEventListener('abort', fail('the request was stopped'));
    request.send(multipartBody(document, variables));
  });
}
