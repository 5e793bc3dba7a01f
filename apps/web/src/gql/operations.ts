/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** What a user (or a token) may do: ADMIN everything; DATA_SCIENTIST read, label, curate, train; ANNOTATOR read, label, curate; READER nothing yet. */
export type Role =
  | 'ADMIN'
  | 'ANNOTATOR'
  | 'DATA_SCIENTIST'
  | 'READER';

export type ShellModelVersionFragment = { id: string, version: number, createdAt: string, metrics: { accuracy: number | null, top2Accuracy: number | null, testImageCount: number } };

export type ShellJobFragment = { id: string, kind: string, state: string, progress: number, message: string | null, createdAt: string };

export type DatasetShellQueryVariables = Exact<{
  id: string;
}>;


export type DatasetShellQuery = { dataset: { id: string, name: string, imageCount: number, latestModelVersion: { id: string, version: number, createdAt: string, metrics: { accuracy: number | null, top2Accuracy: number | null, testImageCount: number } } | null, jobs: { edges: Array<{ node: { id: string, kind: string, state: string, progress: number, message: string | null, createdAt: string } }> } } | null };

export type DatasetJobProgressSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type DatasetJobProgressSubscription = { jobProgress: { id: string, kind: string, state: string, progress: number, message: string | null, createdAt: string } };

export type DatasetModelVersionCreatedSubscriptionVariables = Exact<{
  datasetId: string;
}>;


export type DatasetModelVersionCreatedSubscription = { modelVersionCreated: { id: string, version: number, createdAt: string, metrics: { accuracy: number | null, top2Accuracy: number | null, testImageCount: number } } };

export type DatasetsQueryVariables = Exact<{
  studiesFirst: number;
}>;


export type DatasetsQuery = { datasets: Array<{ id: string, name: string, imageCount: number, studyCount: number, studies: { totalCount: number, edges: Array<{ node: { id: string, key: string, imageCount: number } }> } }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { role: Role, user: { id: string, name: string, email: string } } };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn: { role: Role, user: { id: string, name: string, email: string } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type ImagePageFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, annotation: { text: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null } }> };

export type StudyQueryVariables = Exact<{
  id: string;
  first: number;
  after: string | null | undefined;
}>;


export type StudyQuery = { study: { id: string, key: string, imageCount: number, dataset: { id: string, name: string }, images: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, annotation: { text: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null } }> } } | null };

export type StudyImagesQueryVariables = Exact<{
  id: string;
  first: number;
  after: string | null | undefined;
}>;


export type StudyImagesQuery = { study: { id: string, images: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceFileName: string, width: number, height: number, originalUrl: string, thumbnailUrl: string, annotation: { text: string } | null, currentLabel: { id: string, source: string, createdAt: string, category: { id: string, name: string } | null } | null } }> } } | null };
