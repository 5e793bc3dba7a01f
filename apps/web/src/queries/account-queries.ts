import type {
  AccountApiTokensQuery,
  AccountApiTokensQueryVariables,
  AccountViewerQuery,
  ChangePasswordMutation,
  ChangePasswordMutationVariables,
  CreateApiTokenMutation,
  CreateApiTokenMutationVariables,
  RevokeApiTokenMutation,
  RevokeApiTokenMutationVariables,
  UpdateMyNameMutation,
  UpdateMyNameMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

/** The signed-in user as the account page shows them, and the role this session acts with. */
export type AccountViewer = AccountViewerQuery['me'];
export type AccountApiToken = AccountApiTokensQuery['apiTokens'][number];
export type CreatedApiToken = CreateApiTokenMutation['createApiToken'];

export const accountViewerQuery = graphqlDocument<AccountViewerQuery>(/* GraphQL */ `
  query AccountViewer {
    me { role user { id name email role hasPassword createdAt } }
  }
`);

const accountApiTokenFragment = /* GraphQL */ `
  fragment AccountApiToken on ApiToken {
    id
    name
    role
    isWebSession
    isCurrent
    createdAt
    expiresAt
    revokedAt
  }
`;

const accountApiTokensOperation = /* GraphQL */ `
  query AccountApiTokens($userId: ID!, $includeInactive: Boolean!) {
    apiTokens(userId: $userId, includeInactive: $includeInactive) { ...AccountApiToken }
  }
`;

/** One user's own tokens and web sessions, newest first (an admin's list would hold everyone's without userId). */
export const accountApiTokensQuery = graphqlDocument<AccountApiTokensQuery, AccountApiTokensQueryVariables>(
  accountApiTokensOperation,
  accountApiTokenFragment,
);

const createApiTokenOperation = /* GraphQL */ `
  mutation CreateApiToken($name: String!, $role: Role!, $expiresAt: String) {
    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {
      secret
      apiToken { ...AccountApiToken }
    }
  }
`;

/** A token for scripts; its secret comes back this once. */
export const createApiTokenMutation = graphqlDocument<
  CreateApiTokenMutation,
  CreateApiTokenMutationVariables
>(createApiTokenOperation, accountApiTokenFragment);

const revokeApiTokenOperation = /* GraphQL */ `
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) { ...AccountApiToken }
  }
`;

export const revokeApiTokenMutation = graphqlDocument<
  RevokeApiTokenMutation,
  RevokeApiTokenMutationVariables
>(revokeApiTokenOperation, accountApiTokenFragment);

/** The viewer's own new password; the API ends their other web sessions. */
export const changePasswordMutation = graphqlDocument<
  ChangePasswordMutation,
  ChangePasswordMutationVariables
>(/* GraphQL */ `
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** Change the name the signed-in user is shown by. */
export const updateMyNameMutation = graphqlDocument<UpdateMyNameMutation, UpdateMyNameMutationVariables>(
  /* GraphQL */ `
    mutation UpdateMyName($name: String!) {
      updateMyName(name: $name) { id name }
    }
  `,
);
