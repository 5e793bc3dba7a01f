import type {
  CreateUserMutation,
  CreateUserMutationVariables,
  UpdateUserMutation,
  UpdateUserMutationVariables,
  UsersPageQuery,
  UsersPageQueryVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type UsersPage = UsersPageQuery['users'];
export type ManagedUser = UsersPage['edges'][number]['node'];

/** Users listed per page on the users screen. */
export const USERS_PAGE_SIZE = 50;

const managedUserFragment = /* GraphQL */ `
  fragment ManagedUser on User {
    id
    email
    name
    role
    isDisabled
    hasPassword
    createdAt
  }
`;

const usersPageOperation = /* GraphQL */ `
  query UsersPage($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...ManagedUser } }
    }
  }
`;

/** A page of every user, by email (admins only). */
export const usersPageQuery = graphqlDocument<UsersPageQuery, UsersPageQueryVariables>(
  usersPageOperation,
  managedUserFragment,
);

const createUserOperation = /* GraphQL */ `
  mutation CreateUser($email: String!, $name: String!, $role: Role!, $password: String!) {
    createUser(email: $email, name: $name, role: $role, password: $password) { ...ManagedUser }
  }
`;

export const createUserMutation = graphqlDocument<CreateUserMutation, CreateUserMutationVariables>(
  createUserOperation,
  managedUserFragment,
);

const updateUserOperation = /* GraphQL */ `
  mutation UpdateUser(
    $id: ID!
    $role: Role
    $disabled: Boolean
    $password: String
    $name: String
    $email: String
  ) {
    updateUser(id: $id, role: $role, disabled: $disabled, password: $password, name: $name, email: $email) {
      ...ManagedUser
    }
  }
`;

/** A new role, disabled or enabled, a new password, or a corrected name and email (one change per request on this screen). */
export const updateUserMutation = graphqlDocument<UpdateUserMutation, UpdateUserMutationVariables>(
  updateUserOperation,
  managedUserFragment,
);
