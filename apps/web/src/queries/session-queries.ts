import type { MeQuery, SignInMutation, SignInMutationVariables, SignOutMutation } from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type { Role } from '../gql/operations';

/** The signed-in user, as the header shows them. */
export type SignedInViewer = MeQuery['me'];

export const meQuery = graphqlDocument<MeQuery>(/* GraphQL */ `
  query Me {
    me { role user { id name email } }
  }
`);

/** Opens a web session; the API answers with the session cookie. */
export const signInMutation = graphqlDocument<SignInMutation, SignInMutationVariables>(/* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) { role user { id name email } }
  }
`);

export const signOutMutation = graphqlDocument<SignOutMutation>(/* GraphQL */ `
  mutation SignOut {
    signOut
  }
`);
